package dev.shoal.agent.api;

import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.tls.ClusterCa;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The node's HTTP API on Vert.x Web: Kubernetes-shaped resource paths, {@code /apply}, discovery,
 * health and version, over TLS with this node's certificate from the cluster CA. Every request but the
 * health probes and {@code /ca.crt} needs a bearer token ({@link Authentication}); every refusal is a
 * Kubernetes Status with the matching code.
 */
public final class ApiServer {

  private final Vertx vertx;
  private final AgentConfig config;
  private final ResourceService service;
  private final PodLogs podLogs;
  private final BooleanSupplier ready;
  private final ApiAccess access;
  private final ClusterCa.NodeTls tls;
  private HttpServer server;

  /** {@code tls} null serves plain HTTP (the configuration allows that on loopback only). */
  public ApiServer(Vertx vertx, AgentConfig config, ResourceService service, PodLogs podLogs, BooleanSupplier ready,
      ApiAccess access, ClusterCa.NodeTls tls) {
    this.vertx = vertx;
    this.config = config;
    this.service = service;
    this.podLogs = podLogs;
    this.ready = ready;
    this.access = access;
    this.tls = tls;
  }

  public Router router() {
    Router router = Router.router(vertx);
    router.route().handler(new Authentication(access));
    router.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
    router.get("/healthz").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok"));
    router.get("/readyz").handler(ctx -> {
      boolean isReady = ready.getAsBoolean();
      ctx.response().setStatusCode(isReady ? 200 : 503).putHeader("Content-Type", "text/plain")
          .end(isReady ? "ok" : "not ready");
    });
    router.get("/ca.crt").handler(ctx -> {
      if (tls == null) {
        Replies.json(ctx, 404, new Status(Status.FAILURE, "this node serves plain HTTP and has no CA certificate",
            "NotFound", null, 404));
      } else {
        ctx.response().putHeader("Content-Type", "application/x-pem-file").end(tls.caPem());
      }
    });
    router.get("/version").handler(ctx -> Replies.json(ctx, 200, Map.of(
        "major", "1", "minor", "0", "gitVersion", "v" + AgentConfig.VERSION + "-shoal", "platform",
        System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"))));
    router.get("/api").handler(ctx -> Replies.json(ctx, 200, Discovery.coreVersions()));
    router.get("/apis").handler(ctx -> Replies.json(ctx, 200, Discovery.groups()));
    router.getWithRegex("/api/([^/]+)/?").handler(ctx -> discovery(ctx, "", ctx.pathParam("param0")));
    router.getWithRegex("/apis/([^/]+)/([^/]+)/?").handler(ctx ->
        discovery(ctx, ctx.pathParam("param0"), ctx.pathParam("param1")));
    router.post("/apply").handler(new ApplyHandler(service)::handle);
    ResourceHandlers resources = new ResourceHandlers(vertx, service, podLogs, access);
    router.route("/api/*").handler(resources::handle);
    router.route("/apis/*").handler(resources::handle);
    router.route().last().handler(ctx -> Replies.json(ctx, 404, new Status(Status.FAILURE,
        "the server could not find the requested resource " + ctx.request().path(), "NotFound", null, 404)));
    router.errorHandler(413, ctx -> Replies.json(ctx, 413, Status.requestEntityTooLarge(config.maxBodyBytes())));
    router.errorHandler(400, ctx -> Replies.json(ctx, 400, Status.badRequest(
        ctx.failure() == null ? "bad request" : ctx.failure().getMessage())));
    router.errorHandler(500, ctx -> Replies.fail(ctx, ctx.failure() == null
        ? new IllegalStateException("unknown failure") : ctx.failure()));
    return router;
  }

  private static void discovery(io.vertx.ext.web.RoutingContext ctx, String group, String version) {
    Map<String, Object> body = Discovery.resources(group, version);
    if (body == null) {
      Replies.json(ctx, 404, new Status(Status.FAILURE, "no resources in " + (group.isEmpty() ? version
          : group + "/" + version), "NotFound", null, 404));
    } else {
      Replies.json(ctx, 200, body);
    }
  }

  public Future<HttpServer> start() {
    HttpServerOptions options = new HttpServerOptions().setHost(config.apiHost()).setPort(config.apiPort())
        .setCompressionSupported(true);
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .addCertValue(Buffer.buffer(tls.certificateChainPem())).addKeyValue(Buffer.buffer(tls.keyPem())));
    }
    return vertx.createHttpServer(options).invalidRequestHandler(InvalidRequests::answer).requestHandler(router())
        .listen().onSuccess(s -> server = s);
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
