package dev.shoal.agent.tls;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.CertificateAuthority;
import dev.shoal.manifests.model.CertificateAuthoritySpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The cluster CA in the shared state: the first node to start makes it (the store lets exactly one
 * create win), every node opens its sealed key with the join secret and signs its own API
 * certificate. A node with the wrong secret cannot open the key and says so instead of serving a
 * bad certificate.
 */
public final class ClusterCa {

  private static final String SEAL_PURPOSE = "ca-key";
  private static final ObjectKey KEY =
      new ObjectKey(CertificateAuthority.KIND, "", CertificateAuthority.NAME);

  /**
   * What the API server needs: its certificate chain and key, and the CA certificate for clients.
   */
  public record NodeTls(String certificateChainPem, String keyPem, String caPem) {}

  private ClusterCa() {}

  public static Future<NodeTls> issueForNode(
      Vertx vertx,
      ClusterStore store,
      ClusterSecret secret,
      String clusterName,
      String nodeName,
      List<String> dnsNames,
      List<String> ips) {
    return caObject(vertx, store, secret, clusterName)
        .compose(
            ca ->
                vertx.executeBlocking(
                    () -> {
                      Certificates.Issued authority = open(ca.spec(), secret);
                      Certificates.Issued node =
                          Certificates.issueServer(authority, nodeName, dnsNames, ips);
                      return new NodeTls(
                          Certificates.pem(node.certificate()) + ca.spec().certificate(),
                          Certificates.pem(node.key()),
                          ca.spec().certificate());
                    }));
  }

  private static Future<CertificateAuthority> caObject(
      Vertx vertx, ClusterStore store, ClusterSecret secret, String clusterName) {
    return store
        .get(KEY)
        .recover(
            missing -> {
              if (!isReason(missing, StoreException.Reason.NOT_FOUND)) {
                return Future.failedFuture(missing);
              }
              return vertx
                  .executeBlocking(() -> sealed(Certificates.newCa(clusterName), secret))
                  .compose(store::create)
                  .recover(
                      lost ->
                          isReason(lost, StoreException.Reason.ALREADY_EXISTS)
                              ? store.get(KEY)
                              : Future.failedFuture(lost));
            })
        .map(CertificateAuthority.class::cast);
  }

  private static Resource sealed(Certificates.Issued ca, ClusterSecret secret)
      throws GeneralSecurityException {
    String certificate = Certificates.pem(ca.certificate());
    String sealedKey =
        KeySeal.seal(
            secret.derive(SEAL_PURPOSE),
            ca.key().getEncoded(),
            certificate.getBytes(StandardCharsets.US_ASCII));
    return new CertificateAuthority(
        ObjectMeta.named(null, CertificateAuthority.NAME),
        new CertificateAuthoritySpec(certificate, sealedKey));
  }

  static Certificates.Issued open(CertificateAuthoritySpec spec, ClusterSecret secret)
      throws GeneralSecurityException {
    byte[] key;
    try {
      key =
          KeySeal.open(
              secret.derive(SEAL_PURPOSE),
              spec.sealedKey(),
              spec.certificate().getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(
          "the join secret this node was given does not open the cluster CA's"
              + " key: give it the cluster's join secret (SHOAL_JOIN_SECRET or --join-secret-file)");
    }
    return new Certificates.Issued(
        Certificates.certificate(spec.certificate()), Certificates.ecKey(key));
  }

  private static boolean isReason(Throwable failure, StoreException.Reason reason) {
    return failure instanceof StoreException s && s.reason() == reason;
  }
}
