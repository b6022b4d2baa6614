package dev.shoal.agent.api;

import dev.shoal.agent.api.stream.WebSocketRelay;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeAddress;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a request for something that lives on another node (a pod's log; exec and attach) to that
 * node's API and relays the answer back, like the Kubernetes API server's proxy to a kubelet. The
 * target is the node's {@code InternalIP} from its Node object, on the API port; the connection is
 * TLS checked against the cluster CA, and the caller's own {@code Authorization} goes along, so the
 * target authenticates and authorizes the caller as for any request. Method, path and query are
 * kept. The answer (status, headers, body) is streamed back with back-pressure both ways, and the
 * upstream request is reset when the client goes, which ends whatever the target was streaming.
 *
 * <p>A forwarded request carries {@value #FORWARDED_BY}; a node never forwards such a request
 * again, so two nodes that disagree about where a pod is cannot bounce it between them. Failures
 * are Status answers: a node without an address or one that cannot be reached is a 503 naming it; a
 * relay that breaks after the status line went out ends the body with {@link LogReply#MARKER}.
 *
 * <p>Upgrades (WebSocket {@code v5.channel.k8s.io} for exec and attach) use the same address, TLS
 * and header rules ({@link #forwardUpgrade}): the server side is upgraded once the WebSocket to the
 * target is open, and messages are piped both ways. (An upgrade request has no body, so the body
 * handler lets it through untouched.)
 */
public final class NodeForwarder {
  static final String FORWARDED_BY = "Shoal-Forwarded-By";
  private static final Logger LOG = LoggerFactory.getLogger(NodeForwarder.class);

  /** Headers of one hop only (RFC 9110 7.6.1), plus those the client recomputes. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-connection",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "host",
          "content-length",
          "accept-encoding",
          "sec-websocket-key",
          "sec-websocket-version",
          "sec-websocket-extensions",
          "sec-websocket-protocol",
          "sec-websocket-accept");

  static final int MAX_CONNECTIONS_PER_NODE = 512;

  private final ClusterStore store;
  private final String selfName;
  private final int apiPort;
  private final HttpClientAgent client;
  private final AtomicInteger open = new AtomicInteger();
  private final WebSocketClient webSockets;
  private final boolean tls;

  /** {@code caPem} null: the cluster's nodes serve plain HTTP (loopback-only setups). */
  public NodeForwarder(
      Vertx vertx, ClusterStore store, String selfName, String caPem, int apiPort) {
    this.store = store;
    this.selfName = selfName;
    this.apiPort = apiPort;
    this.tls = caPem != null;
    WebSocketClientOptions socketOptions =
        new WebSocketClientOptions()
            .setConnectTimeout(5000)
            .setMaxFrameSize(1 << 20)
            .setMaxMessageSize(16 << 20);
    if (caPem != null) {
      socketOptions
          .setSsl(true)
          .setVerifyHost(true)
          .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem)));
    }
    this.webSockets = vertx.createWebSocketClient(socketOptions);
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout(5000)
            .setKeepAlive(true)
            .setDecompressionSupported(false);
    if (caPem != null) {
      options
          .setSsl(true)
          .setVerifyHost(true)
          .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem)));
    }
    // A followed log holds its connection for as long as it is read: Vert.x's default of 5 per node
    // would make
    // the sixth reader of one node wait for good. The wait queue is bounded so a flood fails (503)
    // instead.
    this.client =
        vertx.createHttpClient(
            options,
            new PoolOptions()
                .setHttp1MaxSize(MAX_CONNECTIONS_PER_NODE)
                .setMaxWaitQueueSize(MAX_CONNECTIONS_PER_NODE));
  }

  /** Whether this request came from another node already (and must be answered here). */
  static boolean wasForwarded(RoutingContext ctx) {
    return ctx.request().headers().contains(FORWARDED_BY);
  }

  /**
   * Relays the request in {@code ctx} to node {@code nodeName}'s API; answers the client in every
   * case.
   */
  void forward(RoutingContext ctx, String nodeName) {
    String[] target = new String[1];
    address(nodeName)
        .compose(
            ip -> {
              target[0] = ip;
              return client
                  .request(
                      new RequestOptions()
                          .setMethod(ctx.request().method())
                          .setHost(ip)
                          .setPort(apiPort)
                          .setURI(ctx.request().uri())
                          .setHeaders(headersFor(ctx)))
                  .recover(e -> Future.failedFuture(unreachable(nodeName, ip, e)));
            })
        .compose(
            request -> {
              open.incrementAndGet();
              ctx.response().closeHandler(v -> request.reset());
              Buffer body = ctx.body() == null ? null : ctx.body().buffer();
              return (body == null ? request.send() : request.send(body))
                  .recover(e -> Future.failedFuture(unreachable(nodeName, target[0], e)))
                  .compose(answer -> relay(answer, ctx.response(), nodeName))
                  .onComplete(done -> open.decrementAndGet());
            })
        .onFailure(
            failure -> {
              if (!ctx.response().headWritten()) {
                Replies.fail(ctx, failure);
              }
            });
  }

  /**
   * Relays a WebSocket upgrade in {@code ctx} (exec, attach) to node {@code nodeName}'s API: the
   * WebSocket to the target is opened first, with the subprotocols the client offered; a refusal
   * there is answered with the target's status and body, else the client's request is upgraded and
   * the two sockets are joined message by message ({@link WebSocketRelay}).
   */
  void forwardUpgrade(RoutingContext ctx, String nodeName) {
    String[] target = new String[1];
    ctx.request().pause();
    address(nodeName)
        .compose(
            ip -> {
              target[0] = ip;
              WebSocketConnectOptions options =
                  new WebSocketConnectOptions()
                      .setHost(ip)
                      .setPort(apiPort)
                      .setSsl(tls)
                      .setURI(ctx.request().uri())
                      .setHeaders(headersFor(ctx))
                      .setSubProtocols(offeredProtocols(ctx));
              return webSockets.connect(options);
            })
        .compose(
            upstream ->
                ctx.request()
                    .toWebSocket()
                    .onSuccess(
                        socket -> {
                          open.incrementAndGet();
                          socket.closeHandler(v -> open.decrementAndGet());
                          WebSocketRelay.join(socket, upstream);
                        })
                    .onFailure(e -> upstream.close()))
        .onFailure(
            failure -> {
              if (ctx.response().headWritten()) {
                return;
              }
              if (failure instanceof UpgradeRejectedException rejected) {
                rejected
                    .getHeaders()
                    .forEach(
                        (name, value) -> {
                          if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                            ctx.response().headers().add(name, value);
                          }
                        });
                Buffer body = rejected.getBody();
                ctx.response().setStatusCode(rejected.getStatus());
                if (body == null) {
                  ctx.response().end();
                } else {
                  ctx.response().end(body);
                }
                return;
              }
              Replies.fail(
                  ctx,
                  failure instanceof ApiError
                      ? failure
                      : unreachable(nodeName, target[0], failure));
            });
  }

  private static List<String> offeredProtocols(RoutingContext ctx) {
    List<String> offered = new java.util.ArrayList<>();
    for (String header : ctx.request().headers().getAll("Sec-WebSocket-Protocol")) {
      for (String one : header.split(",")) {
        if (!one.isBlank()) {
          offered.add(one.trim());
        }
      }
    }
    return offered;
  }

  /** Relays still open (tests read it to see that a departed client ended the upstream stream). */
  public int openRelays() {
    return open.get();
  }

  public Future<Void> close() {
    return client.close().eventually(() -> webSockets.close());
  }

  private Future<Void> relay(
      HttpClientResponse answer, HttpServerResponse response, String nodeName) {
    if (response.closed()) {
      answer.request().reset();
      return Future.succeededFuture();
    }
    response.setStatusCode(answer.statusCode()).setStatusMessage(answer.statusMessage());
    answer
        .headers()
        .forEach(
            (name, value) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                response.headers().add(name, value);
              }
            });
    String length = answer.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, length);
    } else {
      response.setChunked(true);
    }
    return answer
        .pipe()
        .endOnComplete(false)
        .endOnFailure(false)
        .to(response)
        .onSuccess(
            v -> {
              if (!response.ended() && !response.closed()) {
                MultiMap trailers = answer.trailers();
                if (response.isChunked()) {
                  trailers.forEach(response::putTrailer);
                }
                response.end();
              }
            })
        .recover(
            failure -> {
              if (!response.ended() && !response.closed()) {
                LOG.warn("relay from node {} broke off: {}", nodeName, failure.toString());
                String why =
                    "the answer from node " + nodeName + " broke off: " + failure.getMessage();
                if (response.isChunked()) {
                  response.putTrailer(LogReply.ERROR_TRAILER, why.replaceAll("[\\r\\n]", " "));
                  response.end(LogReply.MARKER + why + "\n");
                } else {
                  response
                      .reset(); // a body of announced length cannot carry a marker; cut it visibly
                }
              }
              return Future.succeededFuture();
            });
  }

  private MultiMap headersFor(RoutingContext ctx) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    ctx.request()
        .headers()
        .forEach(
            (name, value) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                headers.add(name, value);
              }
            });
    headers.set(FORWARDED_BY, selfName);
    String from =
        ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    if (from != null) {
      headers.add("X-Forwarded-For", from);
    }
    return headers;
  }

  /** The node's InternalIP (else its first address) from its Node object. */
  private Future<String> address(String nodeName) {
    return store
        .get(new ObjectKey(Node.KIND, "", nodeName))
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof StoreException s && s.reason() == StoreException.Reason.NOT_FOUND
                        ? unavailable("node " + nodeName + " is not known to the cluster")
                        : e))
        .compose(
            resource -> {
              Node node = (Node) resource;
              List<NodeAddress> addresses =
                  node.status() == null || node.status().addresses() == null
                      ? List.of()
                      : node.status().addresses();
              return addresses.stream()
                  .filter(a -> "InternalIP".equals(a.type()))
                  .findFirst()
                  .or(() -> addresses.stream().findFirst())
                  .map(a -> Future.succeededFuture(a.address()))
                  .orElseGet(
                      () ->
                          Future.failedFuture(
                              unavailable("node " + nodeName + " reports no address")));
            });
  }

  private ApiError unreachable(String nodeName, String ip, Throwable cause) {
    return unavailable(
        "cannot reach node " + nodeName + " at " + ip + ":" + apiPort + ": " + cause.getMessage());
  }

  private static ApiError unavailable(String message) {
    return new ApiError(Status.serviceUnavailable(message));
  }
}
