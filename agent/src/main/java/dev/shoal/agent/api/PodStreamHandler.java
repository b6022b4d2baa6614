package dev.shoal.agent.api;

import dev.shoal.agent.api.stream.ChannelSocket;
import dev.shoal.agent.api.stream.ExecBridge;
import dev.shoal.agent.api.stream.PodSessions;
import dev.shoal.agent.api.stream.StreamQuery;
import dev.shoal.agent.api.stream.StreamStatus;
import dev.shoal.agent.auth.Verb;
import dev.shoal.agent.runtime.ExecSession;
import dev.shoal.agent.runtime.ExecSpec;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code .../pods/{name}/exec} and {@code /attach} on any node, over WebSocket with the channel
 * protocol ({@link ChannelSocket}). As for logs ({@link PodLogHandler}), the node the pod is bound
 * to serves it and any other node relays the WebSocket there ({@link
 * NodeForwarder#forwardUpgrade}). The request is checked before the upgrade, so a refusal is a
 * plain Status answer: a bad query or a container that is not running is a 400, a pod or container
 * that does not exist a 404, a request that is not a WebSocket upgrade a 400 (SPDY is not served).
 * As upstream, it needs {@code create} on the pod.
 */
final class PodStreamHandler {
  static final Set<String> SUBRESOURCES = Set.of("exec", "attach");

  private final ResourceService service;
  private final PodSessions sessions;
  private final NodeForwarder forwarder;
  private final String nodeName;

  /** {@code sessions} null: this API has no runtime (every exec is then refused with a 503). */
  PodStreamHandler(
      ResourceService service, PodSessions sessions, NodeForwarder forwarder, String nodeName) {
    this.service = service;
    this.sessions = sessions;
    this.forwarder = forwarder;
    this.nodeName = nodeName;
  }

  static boolean serves(String subresource) {
    return SUBRESOURCES.contains(subresource);
  }

  void handle(RoutingContext ctx, ApiPath path) {
    // The upgrade happens after the pod is read: the request must not be read to its end meanwhile.
    ctx.request().pause();
    Authentication.authorize(ctx, Verb.CREATE, path.kind(), path.namespace());
    boolean exec = path.subresource().equals("exec");
    service
        .get(path)
        .compose(
            resource -> {
              Pod pod = (Pod) resource; // a missing pod is a 404 whatever the query, as upstream
              StreamQuery query = query(ctx, exec);
              String container = PodLogHandler.containerOf(pod, query.container());
              String boundTo = pod.spec() == null ? null : pod.spec().nodeName();
              if (boundTo == null || boundTo.isEmpty()) {
                throw ApiError.badRequest(
                    "pod " + pod.metadata().name() + " does not have a host assigned");
              }
              requireWebSocket(ctx, path);
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
                forwarder.forwardUpgrade(ctx, boundTo);
                return Future.succeededFuture();
              }
              if (sessions == null) {
                throw new ApiError(
                    Status.serviceUnavailable("node " + nodeName + " runs no containers"));
              }
              return sessions
                  .running(pod, container)
                  .recover(failure -> Future.failedFuture(statusOf(failure)))
                  .compose(id -> serve(ctx, query, exec, id));
            })
        .onFailure(
            failure -> {
              if (!ctx.response().headWritten()) {
                Replies.fail(ctx, failure);
              }
            });
  }

  private Future<Void> serve(RoutingContext ctx, StreamQuery query, boolean exec, String id) {
    return ctx.request()
        .toWebSocket()
        .onSuccess(
            socket -> {
              Future<ExecSession> session =
                  exec
                      ? sessions.exec(id, new ExecSpec(query.command(), query.stdin(), query.tty()))
                      : sessions.attach(id, query.stdin());
              socket.pause(); // no stdin is lost while the engine starts the process
              session
                  .onSuccess(
                      s -> {
                        if (socket.isClosed()) {
                          s.close();
                          return;
                        }
                        ExecBridge.run(socket, s, exec ? query.command() : null);
                        socket.resume();
                      })
                  .onFailure(
                      failure ->
                          new ChannelSocket(socket, (c, d) -> {}, c -> {})
                              .finish(StreamStatus.failure(failure.getMessage())));
            })
        .mapEmpty();
  }

  private static StreamQuery query(RoutingContext ctx, boolean exec) {
    try {
      return StreamQuery.parse(ctx.queryParams(), exec);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  /**
   * After the pod and container are known to exist (kubectl retries a failed WebSocket with SPDY,
   * and the answer to that retry is what it shows).
   */
  private static void requireWebSocket(RoutingContext ctx, ApiPath path) {
    if (!isWebSocket(ctx)) {
      throw ApiError.badRequest(
          path.subresource()
              + " needs a WebSocket upgrade with subprotocol "
              + ChannelSocket.V5
              + " or "
              + ChannelSocket.V4
              + "; SPDY is not served");
    }
  }

  static boolean isWebSocket(RoutingContext ctx) {
    String upgrade = ctx.request().getHeader("Upgrade");
    return upgrade != null && upgrade.equalsIgnoreCase("websocket");
  }

  /** Runtime failures as upstream answers them: gone 404, not running 400, busy 503. */
  private static Throwable statusOf(Throwable failure) {
    if (failure instanceof RuntimeFailure f) {
      return switch (f.kind()) {
        case NOT_FOUND ->
            new ApiError(new Status(Status.FAILURE, f.getMessage(), "NotFound", null, 404));
        case CONFLICT -> ApiError.badRequest(f.getMessage());
        case TEMPORARY -> new ApiError(Status.serviceUnavailable(f.getMessage()));
        default -> new ApiError(Status.internalError(f.getMessage()));
      };
    }
    return failure;
  }
}
