package dev.shoal.agent.api;

import dev.shoal.agent.auth.AdminBootstrap;
import dev.shoal.agent.auth.TokenRegistry;
import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.network.LocalAddresses;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.tls.Certificates;
import dev.shoal.agent.tls.ClusterCa;
import dev.shoal.agent.tls.ClusterSecret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API needs before it opens: the token registry (and, on a new cluster, the admin token
 * file), and unless plain HTTP was asked for, this node's certificate from the cluster CA, whose
 * certificate is also written to {@code ca.crt} in the data dir for local clients.
 */
public final class SecuredApi {

  private static final Logger LOG = LoggerFactory.getLogger(SecuredApi.class);

  /** The access checks, and the TLS material (null for plain HTTP). */
  public record Parts(ApiAccess access, TokenRegistry tokens, ClusterCa.NodeTls tls) {}

  private SecuredApi() {}

  public static Future<Parts> prepare(
      Vertx vertx, AgentConfig config, ClusterStore store, ClusterSecret secret, String nodeIp) {
    TokenRegistry tokens = new TokenRegistry();
    ApiAccess access =
        ApiAccess.of(
            tokens, config.security().requestsPerSecond(), config.security().watchesPerToken());
    Future<ClusterCa.NodeTls> tls =
        config.security().plainHttp()
            ? Future.succeededFuture(null)
            : vertx
                .executeBlocking(
                    () -> addresses(nodeIp, config.apiHost())) // interface list, name lookup
                .compose(
                    ips ->
                        ClusterCa.issueForNode(
                            vertx,
                            store,
                            secret,
                            config.cluster().clusterName(),
                            config.nodeName(),
                            List.of(config.nodeName(), "localhost"),
                            ips))
                .compose(
                    issued -> vertx.executeBlocking(() -> writeCaFile(config.dataDir(), issued)));
    return tokens
        .start(store)
        .compose(v -> AdminBootstrap.ensure(vertx, store, config.dataDir()))
        .onSuccess(
            written ->
                written.ifPresent(
                    file ->
                        LOG.info(
                            "this is a new cluster: its admin token is in {}"
                                + " (readable by root only); use it as 'Authorization: Bearer <token>'",
                            file)))
        .compose(v -> tls)
        .map(issued -> new Parts(access, tokens, issued));
  }

  /** Every IPv4 address a client may use to reach this node, for the certificate's names. */
  private static List<String> addresses(String nodeIp, String apiHost) {
    Set<String> ips = new LinkedHashSet<>(List.of(nodeIp, "127.0.0.1"));
    try {
      if (!apiHost.equals("0.0.0.0")
          && InetAddress.getByName(apiHost) instanceof Inet4Address address) {
        ips.add(address.getHostAddress());
      }
      ips.addAll(LocalAddresses.ipv4());
    } catch (java.io.IOException e) {
      LOG.warn("cannot list this host's addresses for its certificate: {}", e.getMessage());
    }
    return List.copyOf(ips);
  }

  private static ClusterCa.NodeTls writeCaFile(Path dataDir, ClusterCa.NodeTls tls)
      throws Exception {
    Path file = dataDir.resolve("ca.crt");
    Files.createDirectories(dataDir);
    Files.writeString(file, tls.caPem());
    byte[] der = Certificates.certificate(tls.caPem()).getEncoded();
    LOG.info(
        "API serves TLS; the cluster CA certificate is in {} (also at /ca.crt), SHA-256 fingerprint {}",
        file,
        HexFormat.ofDelimiter(":")
            .withUpperCase()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
    return tls;
  }
}
