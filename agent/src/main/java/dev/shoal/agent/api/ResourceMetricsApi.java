package dev.shoal.agent.api;

import dev.shoal.agent.auth.Verb;
import dev.shoal.agent.metrics.ContainerUsage;
import dev.shoal.agent.metrics.MetricsFormat;
import dev.shoal.agent.metrics.MetricsView;
import dev.shoal.agent.metrics.NodeSample;
import dev.shoal.agent.metrics.PodSample;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.NodeMetrics;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PodMetrics;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code metrics.k8s.io/v1beta1}, read-only, from the cluster's samples ({@link MetricsView}):
 * {@code nodes} and {@code pods} (in a namespace or all), list and get, with {@code labelSelector}
 * and {@code fieldSelector} (the fields of the Node or Pod listed), as metrics-server serves them
 * for {@code kubectl top}. Objects without a sample yet are left out of lists and are 404 to a get.
 */
final class ResourceMetricsApi {

  static final String GROUP = "metrics.k8s.io";
  static final String VERSION = "v1beta1";
  static final String PREFIX = "/apis/" + GROUP + "/" + VERSION;

  static final KindInfo NODES =
      new KindInfo(NodeMetrics.KIND, GROUP, VERSION, "nodes", false, NodeMetrics.class);
  static final KindInfo PODS =
      new KindInfo(PodMetrics.KIND, GROUP, VERSION, "pods", true, PodMetrics.class);

  /** The kinds discovery lists for the group. */
  static final List<KindInfo> KINDS = List.of(NODES, PODS);

  static final List<String> VERBS = List.of("get", "list");

  private final MetricsView view;

  /** {@code view} null: this API server has no metrics (tests of other parts): 503. */
  ResourceMetricsApi(MetricsView view) {
    this.view = view;
  }

  static boolean serves(KindInfo kind) {
    return KINDS.contains(kind);
  }

  /** A request under {@link #PREFIX}: answers it in every case. */
  void handle(RoutingContext ctx) {
    try {
      Optional<Request> request = Request.parse(ctx.request().path());
      if (request.isEmpty()) {
        Replies.json(
            ctx,
            404,
            new Status(
                Status.FAILURE,
                "the server could not find the requested resource " + ctx.request().path(),
                "NotFound",
                null,
                404));
        return;
      }
      Request r = request.get();
      if (ctx.request().method() != HttpMethod.GET) {
        Replies.json(ctx, 405, Status.methodNotAllowed(ctx.request().method().name()));
        return;
      }
      if ("true".equals(ctx.request().getParam("watch"))) {
        throw ApiError.badRequest("metrics.k8s.io does not support watch");
      }
      Authentication.authorize(
          ctx, r.name() == null ? Verb.LIST : Verb.GET, r.kind(), r.namespace());
      if (view == null) {
        Replies.json(
            ctx, 503, Status.serviceUnavailable("this node does not serve metrics.k8s.io"));
        return;
      }
      answer(ctx, r).onFailure(e -> Replies.fail(ctx, e));
    } catch (RuntimeException e) {
      Replies.fail(ctx, e);
    }
  }

  private Future<Void> answer(RoutingContext ctx, Request r) {
    boolean pods = r.kind() == PODS;
    KindInfo listed = pods ? ResourceKinds.POD : ResourceKinds.NODE;
    var filter =
        r.name() != null
            ? (java.util.function.Predicate<dev.shoal.manifests.model.Resource>)
                o -> r.name().equals(o.metadata().name())
            : ListFilter.of(
                listed,
                ctx.request().getParam("labelSelector"),
                ctx.request().getParam("fieldSelector"));
    Future<List<Object>> items =
        pods
            ? view.pods(r.namespace(), filter)
                .map(list -> list.stream().map(e -> (Object) podMetrics(e)).toList())
            : view.nodes(filter)
                .map(list -> list.stream().map(e -> (Object) nodeMetrics(e)).toList());
    return items.map(
        list -> {
          if (r.name() != null) {
            if (list.isEmpty()) {
              throw new ApiError(Status.notFound(GROUP, r.kind().plural(), r.name()));
            }
            Replies.json(ctx, 200, list.get(0));
          } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", r.kind().kind() + "List");
            body.put("apiVersion", GROUP + "/" + VERSION);
            body.put("metadata", Map.of());
            body.put("items", list);
            Replies.json(ctx, 200, body);
          }
          return null;
        });
  }

  private static NodeMetrics nodeMetrics(MetricsView.NodeEntry e) {
    NodeSample s = e.sample();
    return new NodeMetrics(
        meta(null, s.node(), e.node().metadata().labels(), s.timestampMillis()),
        Instant.ofEpochMilli(s.timestampMillis()).toString(),
        MetricsFormat.window(s.windowMillis()),
        usage(s.cpuNanoCores(), s.memoryBytes()));
  }

  private static PodMetrics podMetrics(MetricsView.PodEntry e) {
    PodSample s = e.sample();
    List<PodMetrics.Container> containers =
        s.containers().stream()
            .map(
                (ContainerUsage c) ->
                    new PodMetrics.Container(c.name(), usage(c.cpuNanoCores(), c.memoryBytes())))
            .toList();
    return new PodMetrics(
        meta(s.namespace(), s.name(), e.pod().metadata().labels(), s.timestampMillis()),
        Instant.ofEpochMilli(s.timestampMillis()).toString(),
        MetricsFormat.window(s.windowMillis()),
        containers);
  }

  /** As metrics-server: the object's name, namespace and labels, created "now" (the sample). */
  private static ObjectMeta meta(
      String namespace, String name, Map<String, String> labels, long millis) {
    return new ObjectMeta(
        name,
        null,
        namespace,
        labels,
        null,
        null,
        null,
        null,
        Instant.ofEpochMilli(millis),
        null,
        null,
        null,
        null);
  }

  private static Map<String, String> usage(long nanoCores, long bytes) {
    Map<String, String> usage = new LinkedHashMap<>();
    usage.put("cpu", MetricsFormat.cpu(nanoCores));
    usage.put("memory", MetricsFormat.memory(bytes));
    return usage;
  }

  /** A parsed path under {@link #PREFIX}. */
  record Request(KindInfo kind, String namespace, String name) {

    static Optional<Request> parse(String path) {
      String rest = path.substring(PREFIX.length()).replaceAll("^/+|/+$", "");
      List<String> parts = rest.isEmpty() ? List.of() : List.of(rest.split("/+"));
      if (parts.size() >= 3 && parts.get(0).equals("namespaces") && parts.get(2).equals("pods")) {
        return switch (parts.size()) {
          case 3 -> Optional.of(new Request(PODS, parts.get(1), null));
          case 4 -> Optional.of(new Request(PODS, parts.get(1), parts.get(3)));
          default -> Optional.empty();
        };
      }
      if (parts.size() == 1 && parts.get(0).equals("pods")) {
        return Optional.of(new Request(PODS, null, null));
      }
      if (!parts.isEmpty() && parts.get(0).equals("nodes") && parts.size() <= 2) {
        return Optional.of(new Request(NODES, null, parts.size() == 2 ? parts.get(1) : null));
      }
      return Optional.empty();
    }
  }
}
