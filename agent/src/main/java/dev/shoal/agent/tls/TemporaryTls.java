package dev.shoal.agent.tls;

import java.security.GeneralSecurityException;
import java.util.List;

/**
 * A throwaway certificate for the minutes before a node has the cluster CA: while it starts, its
 * API serves only the health probe and the join handshake, whose HMAC proofs authenticate both
 * sides, so nothing relies on this certificate. It is replaced as soon as the node has issued its
 * real one.
 */
public final class TemporaryTls {

  private TemporaryTls() {}

  public static ClusterCa.NodeTls selfSigned(String nodeName) throws GeneralSecurityException {
    Certificates.Issued throwaway = Certificates.newCa("bootstrap of " + nodeName);
    Certificates.Issued server =
        Certificates.issueServer(throwaway, nodeName, List.of(nodeName), List.of());
    String caPem = Certificates.pem(throwaway.certificate());
    return new ClusterCa.NodeTls(
        Certificates.pem(server.certificate()) + caPem, Certificates.pem(server.key()), caPem);
  }
}
