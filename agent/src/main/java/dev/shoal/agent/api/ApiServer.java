package dev.shoal.agent.api;

import dev.shoal.agent.api.openapi.OpenApiDocuments;
import dev.shoal.agent.api.openapi.OpenApiHandler;
import dev.shoal.agent.api.stream.ChannelSocket;
import dev.shoal.agent.api.stream.PodSessions;
import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.metrics.MetricsView;
import dev.shoal.agent.telemetry.AgentMeters;
import dev.shoal.agent.tls.ClusterCa;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The node's HTTP API on Vert.x Web: Kubernetes-shaped resource paths, {@code /apply}, discovery,
 * health and version, over TLS with this node's certificate from the cluster CA. Every request but
 * the health probes, {@code /ca.crt} and the join handshake needs a bearer token ({@link
 * Authentication}); every refusal is a Kubernetes Status with the matching code.
 *
 * <p>Two phases: {@link #listen} opens the port early, before the node has joined the cluster, with
 * only the health probes and the join handshake (other nodes must be able to join through this one
 * while it starts too); {@link #serve} then puts the whole API and the CA-issued certificate in
 * place on the same port.
 */
public final class ApiServer {

  /**
   * Everything the whole API needs; {@code tls} null serves plain HTTP (allowed on loopback only).
   */
  public record Content(
      ResourceService service,
      PodLogs podLogs,
      BooleanSupplier ready,
      ApiAccess access,
      ClusterCa.NodeTls tls) {}

  private final Vertx vertx;
  private final AgentConfig config;
  private Handler<RoutingContext> join =
      ctx ->
          Replies.json(
              ctx,
              404,
              new Status(
                  Status.FAILURE, "this node does not admit members", "NotFound", null, 404));
  private volatile Router current;
  private Content content;
  private HttpServer server;
  private NodeForwarder forwarder;
  private Timer timer = Timer.system();
  private MetricsView metrics;
  private AgentMeters meters = AgentMeters.bare();
  private RequestMetrics requests = new RequestMetrics(meters.registry());
  private PodSessions podSessions;

  public ApiServer(Vertx vertx, AgentConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** A server that {@link #start()} opens with the whole API at once (tests, embedding). */
  public ApiServer(
      Vertx vertx,
      AgentConfig config,
      ResourceService service,
      PodLogs podLogs,
      BooleanSupplier ready,
      ApiAccess access,
      ClusterCa.NodeTls tls) {
    this(vertx, config);
    this.content = new Content(service, podLogs, ready, access, tls);
  }

  /**
   * The timer that ends watches at their {@code timeoutSeconds} (by default {@link
   * Timer#system()}); set before the whole API is served.
   */
  public ApiServer withTimer(Timer value) {
    this.timer = value;
    return this;
  }

  /** Serves {@code metrics.k8s.io} from {@code view}; set before the whole API is served. */
  public ApiServer withMetrics(MetricsView view) {
    this.metrics = view;
    return this;
  }

  /**
   * The registry that counts this server's requests and that {@code GET /metrics} exposes (by
   * default one of its own); set before the whole API is served.
   */
  public ApiServer withMeters(AgentMeters value) {
    this.meters = value;
    this.requests = new RequestMetrics(value.registry());
    return this;
  }

  /**
   * The processes of this node's pods, for exec and attach; set before the whole API is served
   * (without it, those on this node are refused with a 503).
   */
  public ApiServer withPodSessions(PodSessions value) {
    this.podSessions = value;
    return this;
  }

  /** The handler of {@code POST /cluster/join}, served in both phases. */
  public ApiServer withJoin(Handler<RoutingContext> handler) {
    this.join = handler;
    return this;
  }

  public Future<HttpServer> start() {
    return listen(content.tls()).compose(v -> serve(content)).map(v -> server);
  }

  /**
   * Opens the port with the health probes and the join handshake only; {@code tls} null is plain
   * HTTP.
   */
  public Future<Void> listen(ClusterCa.NodeTls tls) {
    current = startingRouter();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.apiHost())
            .setPort(config.apiPort())
            .setCompressionSupported(true)
            .setWebSocketSubProtocols(ChannelSocket.PROTOCOLS);
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(keyCert(tls));
    }
    return vertx
        .createHttpServer(options)
        .invalidRequestHandler(InvalidRequests::answer)
        .requestHandler(request -> current.handle(request))
        .listen()
        .onSuccess(s -> server = s)
        .mapEmpty();
  }

  /**
   * Serves the whole API from now on, with {@code content.tls()}'s certificate for new connections.
   */
  public Future<Void> serve(Content whole) {
    this.content = whole;
    Future<Boolean> certificate =
        whole.tls() == null
            ? Future.succeededFuture(false)
            : server.updateSSLOptions(
                new ServerSSLOptions().setKeyCertOptions(keyCert(whole.tls())));
    return certificate.onSuccess(v -> current = router()).mapEmpty();
  }

  private static PemKeyCertOptions keyCert(ClusterCa.NodeTls tls) {
    return new PemKeyCertOptions()
        .addCertValue(Buffer.buffer(tls.certificateChainPem()))
        .addKeyValue(Buffer.buffer(tls.keyPem()));
  }

  private Router startingRouter() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.get("/healthz").handler(ApiServer::healthy);
    router.post(JoinPaths.JOIN).handler(ctx -> join.handle(ctx));
    router
        .route()
        .handler(
            ctx ->
                Replies.json(
                    ctx,
                    503,
                    Status.serviceUnavailable(
                        "the agent is starting: it has not joined the cluster yet")));
    return router;
  }

  public Router router() {
    Content c = content;
    Router router = Router.router(vertx);
    router.route().handler(requests);
    router.route().handler(new Authentication(c.access()));
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
    router.get("/healthz").handler(ApiServer::healthy);
    AgentMeters exposed = meters;
    router
        .get("/metrics")
        .handler(
            ctx ->
                vertx
                    .executeBlocking(exposed::scrape, false)
                    .onSuccess(
                        text ->
                            ctx.response()
                                .putHeader("Content-Type", AgentMeters.CONTENT_TYPE)
                                .end(text))
                    .onFailure(ctx::fail));
    router
        .get("/readyz")
        .handler(
            ctx -> {
              boolean isReady = c.ready().getAsBoolean();
              ctx.response()
                  .setStatusCode(isReady ? 200 : 503)
                  .putHeader("Content-Type", "text/plain")
                  .end(isReady ? "ok" : "not ready");
            });
    router.post(JoinPaths.JOIN).handler(ctx -> join.handle(ctx));
    router
        .get("/ca.crt")
        .handler(
            ctx -> {
              if (c.tls() == null) {
                Replies.json(
                    ctx,
                    404,
                    new Status(
                        Status.FAILURE,
                        "this node serves plain HTTP and has no CA certificate",
                        "NotFound",
                        null,
                        404));
              } else {
                ctx.response()
                    .putHeader("Content-Type", "application/x-pem-file")
                    .end(c.tls().caPem());
              }
            });
    router.get("/version").handler(ctx -> Replies.json(ctx, 200, ServerVersion.info()));
    router.get("/api").handler(ctx -> discoveryRoot(ctx, true));
    router.get("/apis").handler(ctx -> discoveryRoot(ctx, false));
    router
        .getWithRegex("/api/([^/]+)/?")
        .handler(ctx -> discovery(ctx, "", ctx.pathParam("param0")));
    router
        .getWithRegex("/apis/([^/]+)/([^/]+)/?")
        .handler(ctx -> discovery(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
    router.post("/apply").handler(new ApplyHandler(c.service())::handle);
    router.get(PolicyExplainHandler.PATH).handler(new PolicyExplainHandler(c.service())::handle);
    OpenApiHandler openApi =
        new OpenApiHandler(
            new OpenApiDocuments(
                ResourceKinds.all(),
                kind -> !EventViews.serves(kind),
                ResourceHandlers::hasStatus));
    router.get(OpenApiHandler.PREFIX).handler(openApi::handle);
    router.get(OpenApiHandler.PREFIX + "/*").handler(openApi::handle);
    ResourceHandlers resources =
        new ResourceHandlers(
                vertx,
                c.service(),
                new PodLogHandler(c.service(), c.podLogs(), forwarder(c), config.nodeName()),
                c.access(),
                timer)
            .withStreams(
                new PodStreamHandler(c.service(), podSessions, forwarder(c), config.nodeName()));
    router.route(ResourceMetricsApi.PREFIX + "/*").handler(new ResourceMetricsApi(metrics)::handle);
    router.route("/api/*").handler(resources::handle);
    router.route("/apis/*").handler(resources::handle);
    router
        .route()
        .last()
        .handler(
            ctx ->
                Replies.json(
                    ctx,
                    404,
                    new Status(
                        Status.FAILURE,
                        "the server could not find the requested resource " + ctx.request().path(),
                        "NotFound",
                        null,
                        404)));
    router.errorHandler(
        413, ctx -> Replies.json(ctx, 413, Status.requestEntityTooLarge(config.maxBodyBytes())));
    router.errorHandler(
        400,
        ctx ->
            Replies.json(
                ctx,
                400,
                Status.badRequest(
                    ctx.failure() == null ? "bad request" : ctx.failure().getMessage())));
    router.errorHandler(
        500,
        ctx ->
            Replies.fail(
                ctx,
                ctx.failure() == null
                    ? new IllegalStateException("unknown failure")
                    : ctx.failure()));
    return router;
  }

  private static void healthy(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/plain").end("ok");
  }

  /**
   * {@code /api} or {@code /apis}: aggregated when the client asks for it (both roots alike, as
   * kubectl expects), the legacy list otherwise.
   */
  private static void discoveryRoot(RoutingContext ctx, boolean core) {
    String aggregated = Discovery.aggregatedVersionAsked(ctx.request().getHeader("Accept"));
    if (aggregated != null) {
      Replies.json(
          ctx,
          200,
          Discovery.aggregated(core, "apidiscovery.k8s.io/" + aggregated),
          Discovery.aggregatedContentType(aggregated));
    } else {
      Replies.json(ctx, 200, core ? Discovery.coreVersions() : Discovery.groups());
    }
  }

  private static void discovery(RoutingContext ctx, String group, String version) {
    Map<String, Object> body = Discovery.resources(group, version);
    if (body == null) {
      Replies.json(
          ctx,
          404,
          new Status(
              Status.FAILURE,
              "no resources in " + (group.isEmpty() ? version : group + "/" + version),
              "NotFound",
              null,
              404));
    } else {
      Replies.json(ctx, 200, body);
    }
  }

  /** Forwards requests for pods of other nodes to their APIs, on the port this one listens on. */
  private synchronized NodeForwarder forwarder(Content c) {
    if (forwarder == null) {
      forwarder =
          new NodeForwarder(
              vertx,
              c.service().store(),
              config.nodeName(),
              c.tls() == null ? null : c.tls().caPem(),
              config.apiPort() == 0 ? port() : config.apiPort());
    }
    return forwarder;
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return forwarder == null ? closed : closed.eventually(() -> forwarder.close());
  }
}
