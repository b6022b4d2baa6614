package dev.shoal.agent.api;

import dev.shoal.agent.auth.AdminBootstrap;
import dev.shoal.agent.auth.AdminKubeconfig;
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

  /** {@code apiPort} is the port the API listens on (opened early), for the admin's kubeconfig. */
  public static Future<Parts> prepare(
      Vertx vertx,
      AgentConfig config,
      ClusterStore store,
      ClusterSecret secret,
      String nodeIp,
      int apiPort) {
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
        .compose(
            issued ->
                vertx
                    .executeBlocking(
                        () ->
                            AdminKubeconfig.writeIfAdminHere(
                                config.dataDir(),
                                config.cluster().clusterName(),
                                serverUrl(config, nodeIp, apiPort, issued != null),
                                issued == null ? null : issued.caPem()))
                    .onSuccess(
                        written ->
                            written.ifPresent(
                                file ->
                                    LOG.info(
                                        "the admin's kubeconfig is in {}: KUBECONFIG={} kubectl get"
                                            + " pods",
                                        file,
                                        file)))
                    .map(written -> new Parts(access, tokens, issued)));
  }

  /**
   * The URL a local client reaches this node's API at: the API's own address, or this node's
   * address when the API listens on all of them.
   */
  static String serverUrl(AgentConfig config, String nodeIp, int port, boolean tls) {
    String host = config.apiHost();
    if (host == null || host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
      host = nodeIp;
    }
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return (tls ? "https://" : "http://") + host + ":" + port;
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
