package dev.shoal.agent.api;

import dev.shoal.agent.telemetry.AgentMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first handler on every path: counts each request when its response ends, by Kubernetes verb,
 * resource, subresource and status code, as the Kubernetes API server's {@code
 * apiserver_request_total} and {@code apiserver_request_duration_seconds} do. Refusals (401, 429)
 * count too. Long-running requests (watches, exec, attach, port-forward, followed logs) are counted
 * and gauged while open, not timed: their duration is the client's choice.
 */
final class RequestMetrics implements Handler<RoutingContext> {

  /** Paths outside the resource tree, counted under their own name; others count as "other". */
  private static final Set<String> NON_RESOURCE =
      Set.of(
          "/api",
          "/apis",
          "/version",
          "/apply",
          "/healthz",
          "/readyz",
          "/metrics",
          "/ca.crt",
          JoinPaths.JOIN);

  private static final Set<String> STREAMING = Set.of("exec", "attach", "portforward");

  private final MeterRegistry registry;
  private final AtomicInteger longRunning = new AtomicInteger();

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("apiserver.longrunning.requests", longRunning);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    Labels labels = Labels.of(ctx);
    if (labels.longRunning()) {
      longRunning.incrementAndGet();
    }
    ctx.addEndHandler(ended -> record(labels, ctx.response().getStatusCode(), started));
    ctx.next();
  }

  private void record(Labels labels, int code, long started) {
    Counter.builder("apiserver.request")
        .description("API requests by verb, resource, subresource and HTTP code")
        .tags(
            "verb",
            labels.verb(),
            "resource",
            labels.resource(),
            "subresource",
            labels.subresource(),
            "code",
            Integer.toString(code))
        .register(registry)
        .increment();
    if (labels.longRunning()) {
      longRunning.decrementAndGet();
      return;
    }
    Timer timer =
        AgentMeters.latency(
            registry,
            "apiserver.request.duration",
            "API request latency, from the first byte read to the last written",
            "verb",
            labels.verb(),
            "resource",
            labels.resource(),
            "subresource",
            labels.subresource());
    timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
  }

  /** A request's labels, bounded: resources are the served kinds, other paths a fixed set. */
  record Labels(String verb, String resource, String subresource, boolean longRunning) {

    static Labels of(RoutingContext ctx) {
      String path = ctx.request().path();
      String method = ctx.request().method().name();
      Optional<ApiPath> api = ApiPath.of(ctx);
      if (api.isEmpty()) {
        String known =
            NON_RESOURCE.contains(path)
                ? path
                : path.startsWith("/openapi")
                    ? "/openapi"
                    : path.startsWith("/api") ? "discovery" : "other";
        return new Labels(method, known, "", false);
      }
      ApiPath p = api.get();
      boolean watch = ResourceHandlers.isWatch(ctx);
      String verb =
          switch (method) {
            case "GET" -> watch ? "WATCH" : p.isCollection() ? "LIST" : "GET";
            case "POST" -> "POST";
            case "PUT" -> "PUT";
            case "PATCH" -> "PATCH";
            case "DELETE" -> p.isCollection() ? "DELETECOLLECTION" : "DELETE";
            default -> method;
          };
      String sub = p.subresource() == null ? "" : p.subresource();
      boolean streaming =
          watch
              || STREAMING.contains(sub)
              || (sub.equals("log") && "true".equals(ctx.queryParams().get("follow")));
      return new Labels(verb, p.kind().plural(), sub, streaming);
    }
  }
}
