package dev.shoal.agent.api;

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
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a request for something that lives on another node (a pod's log today; exec, attach and
 * port-forward next) to that node's API and relays the answer back, like the Kubernetes API
 * server's proxy to a kubelet. The target is the node's {@code InternalIP} from its Node object, on
 * the API port; the connection is TLS checked against the cluster CA, and the caller's own {@code
 * Authorization} goes along, so the target authenticates and authorizes the caller as for any
 * request. Method, path and query are kept. The answer (status, headers, body) is streamed back
 * with back-pressure both ways, and the upstream request is reset when the client goes, which ends
 * whatever the target was streaming.
 *
 * <p>A forwarded request carries {@value #FORWARDED_BY}; a node never forwards such a request
 * again, so two nodes that disagree about where a pod is cannot bounce it between them. Failures
 * are Status answers: a node without an address or one that cannot be reached is a 503 naming it; a
 * relay that breaks after the status line went out ends the body with {@link LogReply#MARKER}.
 *
 * <p>Upgrades (WebSocket {@code v5.channel.k8s.io} for exec and attach, port-forward) fit the same
 * piece: the address, the TLS client and the header rules stay; instead of piping one body each
 * way, the server side is upgraded ({@code ServerWebSocketHandshake}) once the client's WebSocket
 * to the target is open, and frames are piped both ways. Those requests must then bypass the body
 * handler, which today reads request bodies whole before routing.
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
          "accept-encoding");

  static final int MAX_CONNECTIONS_PER_NODE = 512;

  private final ClusterStore store;
  private final String selfName;
  private final int apiPort;
  private final HttpClientAgent client;
  private final AtomicInteger open = new AtomicInteger();

  /** {@code caPem} null: the cluster's nodes serve plain HTTP (loopback-only setups). */
  public NodeForwarder(
      Vertx vertx, ClusterStore store, String selfName, String caPem, int apiPort) {
    this.store = store;
    this.selfName = selfName;
    this.apiPort = apiPort;
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

  /** Relays still open (tests read it to see that a departed client ended the upstream stream). */
  public int openRelays() {
    return open.get();
  }

  public Future<Void> close() {
    return client.close();
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
