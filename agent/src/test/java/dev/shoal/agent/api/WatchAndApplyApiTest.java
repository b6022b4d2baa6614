package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WatchAndApplyApiTest {

  static final String PODS = ResourceApiTest.PODS;

  ApiFixture api;
  HttpClient http;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
    http = vertx.createHttpClient();
  }

  /** Opens a watch and collects its event lines as JSON. */
  List<JsonObject> watch(String query) throws Exception {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    StringBuilder partial = new StringBuilder();
    // The chunk handler is attached on the event loop before the request goes out, so it is set in
    // the
    // same turn that delivers the headers and no early chunk is missed (a listener added from this
    // thread could come after the first chunk when the machine is busy).
    HttpClientResponse response =
        await(
            http.request(
                    HttpMethod.GET, api.server.port(), "127.0.0.1", PODS + "?watch=true" + query)
                .compose(
                    request ->
                        request
                            .putHeader("Authorization", "Bearer " + api.adminToken)
                            .send()
                            .map(
                                received -> {
                                  received.handler(
                                      chunk -> {
                                        synchronized (partial) {
                                          partial.append(chunk.toString());
                                          int newline;
                                          while ((newline = partial.indexOf("\n")) >= 0) {
                                            events.add(
                                                new JsonObject(partial.substring(0, newline)));
                                            partial.delete(0, newline + 1);
                                          }
                                        }
                                      });
                                  return received;
                                })));
    assertEquals(200, response.statusCode());
    return events;
  }

  static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  static List<String> summary(List<JsonObject> events) {
    return events.stream()
        .map(
            e ->
                e.getString("type")
                    + " "
                    + e.getJsonObject("object").getJsonObject("metadata").getString("name"))
        .toList();
  }

  @Test
  void watchStreamsCurrentObjectsThenChanges() throws Exception {
    api.post(PODS, ResourceApiTest.pod("a", "app: web"));
    List<JsonObject> events = watch("&labelSelector=app%3Dweb");
    eventually(() -> events.size() == 1, "the initial ADDED");
    api.post(PODS, ResourceApiTest.pod("b", "app: web"));
    api.post(PODS, ResourceApiTest.pod("ignored", "app: db"));
    api.send(
        HttpMethod.PATCH,
        PODS + "/b",
        "application/merge-patch+json",
        "{\"metadata\":{\"annotations\":{\"x\":\"1\"}}}");
    api.send(HttpMethod.DELETE, PODS + "/a", null, null);
    eventually(() -> events.size() == 4, "four events");
    assertEquals(List.of("ADDED a", "ADDED b", "MODIFIED b", "DELETED a"), summary(events));
  }

  @Test
  void watchResumesFromAResourceVersion() throws Exception {
    JsonObject a = json(api.post(PODS, ResourceApiTest.pod("a", "")));
    api.post(PODS, ResourceApiTest.pod("b", ""));
    api.post(PODS, ResourceApiTest.pod("c", ""));
    List<JsonObject> events =
        watch("&resourceVersion=" + a.getJsonObject("metadata").getString("resourceVersion"));
    eventually(() -> events.size() == 2, "the changes after a");
    assertEquals(List.of("ADDED b", "ADDED c"), summary(events));
  }

  @Test
  void applyCreatesThenLeavesAloneThenConfigures() throws Exception {
    String manifests =
        ResourceApiTest.pod("a", "app: web")
            + "---\n"
            + """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80}]
        """;
    assertEquals(List.of("created", "created"), actions(api.post("/apply", manifests)));
    assertEquals(List.of("unchanged", "unchanged"), actions(api.post("/apply", manifests)));
    assertEquals(
        List.of("unchanged", "configured"),
        actions(api.post("/apply", manifests.replace("port: 80", "port: 8080"))));
    JsonObject service = json(api.get("/api/v1/namespaces/default/services/web"));
    assertEquals(
        8080,
        service.getJsonObject("spec").getJsonArray("ports").getJsonObject(0).getInteger("port"));
  }

  @Test
  void applyWithOneBadDocumentWritesNothing() throws Exception {
    String manifests =
        ResourceApiTest.pod("good", "") + "---\n" + ResourceApiTest.pod("Bad_Name", "");
    HttpResponse<Buffer> response = api.post("/apply", manifests);
    assertEquals(422, response.statusCode(), response.bodyAsString());
    assertTrue(
        json(response).getString("message").startsWith("document 1"), response.bodyAsString());
    assertEquals(404, api.get(PODS + "/good").statusCode());
  }

  static List<String> actions(HttpResponse<Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return json(response).getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("action"))
        .toList();
  }
}
