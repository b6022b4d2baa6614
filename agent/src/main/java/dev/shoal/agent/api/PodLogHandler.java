package dev.shoal.agent.api;

import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET .../pods/{name}/log} on any node: the node the pod is bound to reads the container's
 * log and streams it ({@link LogReply}); any other node forwards the request there ({@link
 * NodeForwarder}). A pod not bound yet is a 400 as in Kubernetes ("pod P does not have a host
 * assigned").
 */
final class PodLogHandler {
  private final ResourceService service;
  private final PodLogs logs;
  private final NodeForwarder forwarder;
  private final String nodeName;

  /** {@code forwarder} null: a single-node API that answers every log itself. */
  PodLogHandler(ResourceService service, PodLogs logs, NodeForwarder forwarder, String nodeName) {
    this.service = service;
    this.logs = logs;
    this.forwarder = forwarder;
    this.nodeName = nodeName;
  }

  void handle(RoutingContext ctx, ApiPath path) {
    LogQuery query = LogQuery.parse(ctx.queryParams());
    service
        .get(path)
        .compose(
            resource -> {
              Pod pod = (Pod) resource;
              String container = containerOf(pod, query.container());
              String boundTo = pod.spec() == null ? null : pod.spec().nodeName();
              if (boundTo == null || boundTo.isEmpty()) {
                throw ApiError.badRequest(
                    "pod " + pod.metadata().name() + " does not have a host assigned");
              }
              if (forwarder != null && !boundTo.equals(nodeName)) {
                if (NodeForwarder.wasForwarded(ctx)) {
                  throw new ApiError(
                      Status.serviceUnavailable(
                          "pod "
                              + pod.metadata().name()
                              + " is bound to node "
                              + boundTo
                              + ", not to "
                              + nodeName
                              + " that this request was forwarded to; try again"));
                }
                forwarder.forward(ctx, boundTo);
                return Future.succeededFuture();
              }
              String what =
                  "log of container "
                      + container
                      + " of pod "
                      + pod.metadata().namespace()
                      + "/"
                      + pod.metadata().name();
              return logs.logs(pod, container, query.previous(), query.options())
                  .recover(failure -> Future.failedFuture(statusOf(failure)))
                  .onSuccess(
                      stream ->
                          LogReply.send(
                              stream,
                              ctx.response(),
                              query.limitBytes(),
                              what,
                              failure -> Replies.fail(ctx, statusOf(failure))))
                  .mapEmpty();
            })
        .onFailure(failure -> Replies.fail(ctx, failure));
  }

  /** Runtime failures as the Status a client can act on: gone is 404, busy or cut off is 503. */
  private static Throwable statusOf(Throwable failure) {
    if (failure instanceof RuntimeFailure f) {
      return switch (f.kind()) {
        case NOT_FOUND ->
            new ApiError(new Status(Status.FAILURE, f.getMessage(), "NotFound", null, 404));
        case TEMPORARY -> new ApiError(Status.serviceUnavailable(f.getMessage()));
        default -> new ApiError(Status.internalError(f.getMessage()));
      };
    }
    return failure;
  }

  /**
   * The container asked for, or the pod's only one; as Kubernetes does, a 400 naming the choices
   * otherwise.
   */
  static String containerOf(Pod pod, String asked) {
    List<String> names = new ArrayList<>();
    if (pod.spec() != null) {
      if (pod.spec().initContainers() != null) {
        pod.spec().initContainers().forEach(c -> names.add(c.name()));
      }
      if (pod.spec().containers() != null) {
        pod.spec().containers().forEach(c -> names.add(c.name()));
      }
    }
    if (asked != null && !asked.isEmpty()) {
      if (!names.contains(asked)) {
        throw ApiError.badRequest(
            "container " + asked + " is not valid for pod " + pod.metadata().name());
      }
      return asked;
    }
    int regular =
        pod.spec() == null || pod.spec().containers() == null ? 0 : pod.spec().containers().size();
    if (regular != 1) {
      throw ApiError.badRequest(
          "a container name must be specified for pod "
              + pod.metadata().name()
              + ", choose one of: "
              + names);
    }
    return pod.spec().containers().get(0).name();
  }
}
