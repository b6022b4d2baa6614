package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerRuntime;
import dev.shoal.agent.runtime.ExecResult;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerPort;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Probe;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import java.time.Duration;

/**
 * One probe attempt: exec through the runtime, or a TCP connect / HTTP GET from the agent to the pod IP.
 * Yields true on success; every failure (refused, timed out, bad status, non-zero exit) is false.
 */
@FunctionalInterface
interface ProbeCheck {
  Future<Boolean> run();

  /** The clients the network probes share. */
  record Clients(ContainerRuntime runtime, NetClient tcp, HttpClient http) {}

  static ProbeCheck of(Probe probe, Container container, String containerId, String podIP, Clients clients) {
    Duration timeout = Duration.ofSeconds(probe.timeoutSeconds() == null ? 1 : Math.max(1, probe.timeoutSeconds()));
    if (probe.exec() != null) {
      return () -> clients.runtime().exec(containerId, probe.exec().command(), timeout)
          .map(ExecResult::succeeded).otherwise(false);
    }
    if (probe.tcpSocket() != null) {
      String host = probe.tcpSocket().host() != null ? probe.tcpSocket().host() : podIP;
      int port = port(probe.tcpSocket().port(), container);
      return () -> host == null || port <= 0 ? Future.succeededFuture(false)
          : clients.tcp().connect(port, host)
              .timeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
              .compose(socket -> socket.close().map(true))
              .otherwise(false);
    }
    if (probe.httpGet() != null) {
      var get = probe.httpGet();
      String host = get.host() != null ? get.host() : podIP;
      int port = port(get.port(), container);
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.GET)
          .setHost(host)
          .setPort(port)
          .setURI(get.path() == null || get.path().isEmpty() ? "/" : get.path())
          .setSsl("HTTPS".equalsIgnoreCase(get.scheme()))
          .setConnectTimeout(timeout.toMillis())
          .setIdleTimeout(timeout.toMillis())
          .putHeader("User-Agent", "shoal-probe/1.0");
      return () -> host == null || port <= 0 ? Future.succeededFuture(false)
          : clients.http().request(options)
              .compose(req -> req.send())
              .compose(resp -> resp.body().map(body -> ok(resp)))
              .timeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
              .otherwise(false);
    }
    return () -> Future.succeededFuture(true);
  }

  private static boolean ok(HttpClientResponse resp) {
    return resp.statusCode() >= 200 && resp.statusCode() < 400;
  }

  /** A numbered port, or the number of the container port with that name; -1 when none matches. */
  static int port(IntOrString port, Container container) {
    if (port == null) {
      return -1;
    }
    if (port.isInt()) {
      return port.intValue();
    }
    for (ContainerPort p : container.portsOrEmpty()) {
      if (port.stringValue().equals(p.name()) && p.containerPort() != null) {
        return p.containerPort();
      }
    }
    return -1;
  }
}
