package dev.shoal.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.auth.BearerTokens;
import dev.shoal.agent.auth.TokenRegistry;
import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.config.ConfigLoader;
import dev.shoal.agent.control.StreamLines;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An API server on a free port over an in-memory store, and a client for it. */
final class ApiFixture {

  static final long BODY_LIMIT = 64 * 1024;

  final Vertx vertx;
  final InMemoryStore store = new InMemoryStore();
  final dev.shoal.agent.events.InMemoryEvents events =
      new dev.shoal.agent.events.InMemoryEvents(
          Clock.systemUTC(), dev.shoal.agent.events.EventStore.Limits.DEFAULT);
  final ApiServer server;
  final TokenRegistry tokens = new TokenRegistry();

  /** The samples metrics.k8s.io serves; a test publishes into it. */
  final dev.shoal.agent.metrics.LocalSampleShare samples =
      new dev.shoal.agent.metrics.LocalSampleShare(
          Clock.systemUTC(), java.time.Duration.ofDays(3650)); // tests publish fixed times

  /** A client that sends the admin token with every request. */
  final WebClient client;

  /** A client that sends no token. */
  final WebClient anonymous;

  final String adminToken;

  /** A plain HTTP client for streamed answers (watches). */
  private final HttpClient http;

  ApiFixture(Vertx vertx, PodLogs logs) throws Exception {
    this(vertx, logs, null);
  }

  /** {@code hooks} null means none; a function of the store so hooks can write to it. */
  ApiFixture(
      Vertx vertx, PodLogs logs, java.util.function.Function<InMemoryStore, WriteHooks> hooks)
      throws Exception {
    this.vertx = vertx;
    AgentConfig config =
        ConfigLoader.load(
            List.of(
                "--node-name",
                "node-a",
                "--data-dir",
                "/tmp/shoal-api-test",
                "--api-port",
                "0",
                "--max-body-bytes",
                Long.toString(BODY_LIMIT)),
            Map.of());
    ResourceService service =
        new ResourceService(
                store,
                new Admission(),
                hooks == null ? WriteHooks.NONE : hooks.apply(store),
                Clock.systemUTC())
            .withEvents(events);
    server =
        new ApiServer(
            vertx, config, service, logs, () -> true, ApiAccess.of(tokens, 100_000, 100), null);
    await(store.create(new Namespace(ObjectMeta.named(null, "default"), null, null)));
    adminToken = createToken("test-admin", ApiTokenSpec.ADMIN);
    await(tokens.start(store));
    server.withMetrics(new dev.shoal.agent.metrics.MetricsView(store, samples));
    await(server.start());
    anonymous =
        WebClient.create(
            vertx,
            new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.port()));
    client = WebClientSession.create(anonymous).addHeader("Authorization", "Bearer " + adminToken);
    http = vertx.createHttpClient();
  }

  /** Opens a watch with the admin token; its event lines arrive in the returned stream. */
  StreamLines watch(String path) throws Exception {
    return watch(path, adminToken);
  }

  /** Opens a watch with {@code token}; fails unless the server answers 200. */
  StreamLines watch(String path, String token) throws Exception {
    StreamLines lines = new StreamLines();
    HttpClientResponse response =
        await(
            http.request(HttpMethod.GET, server.port(), "127.0.0.1", path)
                .compose(
                    request ->
                        request
                            .putHeader("Authorization", "Bearer " + token)
                            .send()
                            .map(lines::attach)));
    assertEquals(200, response.statusCode(), path);
    return lines;
  }

  /** Each watch event as "TYPE name", e.g. "ADDED web". */
  static List<String> summary(List<JsonObject> events) {
    return events.stream()
        .map(
            e ->
                e.getString("type")
                    + " "
                    + e.getJsonObject("object").getJsonObject("metadata").getString("name"))
        .toList();
  }

  /** Stores a token straight into the store (as the admin bootstrap does) and returns its text. */
  String createToken(String name, String role, String... namespaces) throws Exception {
    BearerTokens.Issued issued = BearerTokens.issue(name);
    await(
        store.create(
            new ApiToken(
                ObjectMeta.named(null, name),
                new ApiTokenSpec(
                    role, namespaces.length == 0 ? null : List.of(namespaces), issued.hash()),
                null)));
    return issued.token();
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, String body)
      throws Exception {
    var request = client.request(method, path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  HttpResponse<Buffer> post(String path, String yaml) throws Exception {
    return send(HttpMethod.POST, path, "application/yaml", yaml);
  }

  HttpResponse<Buffer> get(String path) throws Exception {
    return send(HttpMethod.GET, path, null, null);
  }

  /** A 422 Invalid Status with a cause naming {@code field}. */
  static void assertInvalid(HttpResponse<Buffer> response, String field) {
    ResourceApiTest.assertStatus(response, 422, "Invalid");
    JsonArray causes = json(response).getJsonObject("details").getJsonArray("causes");
    org.junit.jupiter.api.Assertions.assertTrue(
        causes.stream().anyMatch(c -> field.equals(((JsonObject) c).getString("field"))),
        () -> field + " in " + causes);
  }

  /** The names of a list's items, sorted. */
  static List<String> names(HttpResponse<Buffer> list) {
    return json(list).getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getJsonObject("metadata").getString("name"))
        .sorted()
        .toList();
  }

  static JsonObject json(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
