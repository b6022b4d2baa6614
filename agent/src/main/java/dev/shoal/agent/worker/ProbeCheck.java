package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerRuntime;
import dev.shoal.agent.runtime.RuntimeFailure;
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
import java.util.concurrent.TimeUnit;

/**
 * One probe attempt: exec through the runtime, or a TCP connect / HTTP GET from the agent to the
 * pod IP. Yields success, or a failure with kubelet's words for it ({@link ProbeFailures}); never a
 * failed future.
 */
@FunctionalInterface
interface ProbeCheck {
  Future<Result> run();

  /** What one attempt found: success, or why not. */
  record Result(boolean success, String message) {
    static final Result OK = new Result(true, null);

    static Result failed(String message) {
      return new Result(false, message);
    }
  }

  /** The clients the network probes share. */
  record Clients(ContainerRuntime runtime, NetClient tcp, HttpClient http) {}

  static ProbeCheck of(
      Probe probe, Container container, String containerId, String podIP, Clients clients) {
    Duration timeout =
        Duration.ofSeconds(
            probe.timeoutSeconds() == null ? 1 : Math.max(1, probe.timeoutSeconds()));
    if (probe.exec() != null) {
      return () ->
          clients
              .runtime()
              .exec(containerId, probe.exec().command(), timeout)
              .map(
                  r ->
                      r.succeeded()
                          ? Result.OK
                          : Result.failed(ProbeFailures.exitCode(r.exitCode(), r.output())))
              .otherwise(
                  e ->
                      Result.failed(
                          RuntimeFailure.is(e, RuntimeFailure.Kind.TEMPORARY)
                                  && String.valueOf(e.getMessage()).contains("timed out")
                              ? ProbeFailures.commandTimedOut(probe.exec().command())
                              : String.valueOf(e.getMessage())));
    }
    if (probe.tcpSocket() != null) {
      String host = probe.tcpSocket().host() != null ? probe.tcpSocket().host() : podIP;
      int port = port(probe.tcpSocket().port(), container);
      return () ->
          unreachable(host, port, probe.tcpSocket().port(), container) != null
              ? Future.succeededFuture(
                  Result.failed(unreachable(host, port, probe.tcpSocket().port(), container)))
              : clients
                  .tcp()
                  .connect(port, host)
                  .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                  .compose(socket -> socket.close().map(Result.OK))
                  .otherwise(e -> Result.failed(ProbeFailures.dial(host, port, e)));
    }
    if (probe.httpGet() != null) {
      var get = probe.httpGet();
      String host = get.host() != null ? get.host() : podIP;
      int port = port(get.port(), container);
      String path = get.path() == null || get.path().isEmpty() ? "/" : get.path();
      boolean https = "HTTPS".equalsIgnoreCase(get.scheme());
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.GET)
              .setHost(host)
              .setPort(port)
              .setURI(path)
              .setSsl(https)
              .setConnectTimeout(timeout.toMillis())
              .setIdleTimeout(timeout.toMillis())
              .putHeader("User-Agent", "shoal-probe/1.0");
      String url = (https ? "https://" : "http://") + host + ":" + port + path;
      return () ->
          unreachable(host, port, get.port(), container) != null
              ? Future.succeededFuture(
                  Result.failed(unreachable(host, port, get.port(), container)))
              : clients
                  .http()
                  .request(options)
                  .compose(req -> req.send())
                  .compose(resp -> resp.body().map(body -> verdict(resp)))
                  .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                  .otherwise(e -> Result.failed(ProbeFailures.get(url, host, port, e)));
    }
    return () -> Future.succeededFuture(Result.OK);
  }

  /** kubelet's rule: 2xx and 3xx pass. */
  private static Result verdict(HttpClientResponse resp) {
    return resp.statusCode() >= 200 && resp.statusCode() < 400
        ? Result.OK
        : Result.failed(ProbeFailures.statusCode(resp.statusCode()));
  }

  /** Why there is nothing to connect to yet, or null when there is. */
  private static String unreachable(String host, int port, IntOrString asked, Container container) {
    if (port <= 0) {
      return asked != null && !asked.isInt()
          ? "couldn't find port \"" + asked.stringValue() + "\" in container " + container.name()
          : "invalid port " + (asked == null ? "(none)" : asked.intValue());
    }
    return host == null ? "the pod has no IP address yet" : null;
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
