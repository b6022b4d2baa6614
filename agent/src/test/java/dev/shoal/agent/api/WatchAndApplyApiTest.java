package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.json;
import static dev.shoal.agent.api.ApiFixture.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.StreamLines;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WatchAndApplyApiTest {

  static final String PODS = ResourceApiTest.PODS;

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
  }

  /** Opens a pod watch with {@code query} after {@code ?watch=true}. */
  StreamLines watch(String query) throws Exception {
    return api.watch(PODS + "?watch=true" + query);
  }

  @Test
  void watchStreamsCurrentObjectsThenChanges() throws Exception {
    api.post(PODS, ResourceApiTest.pod("a", "app: web"));
    StreamLines events = watch("&labelSelector=app%3Dweb");
    assertEquals(List.of("ADDED a"), summary(events.awaitJson(1, "the initial ADDED")));
    api.post(PODS, ResourceApiTest.pod("b", "app: web"));
    api.post(PODS, ResourceApiTest.pod("ignored", "app: db"));
    api.send(
        HttpMethod.PATCH,
        PODS + "/b",
        "application/merge-patch+json",
        "{\"metadata\":{\"annotations\":{\"x\":\"1\"}}}");
    api.send(HttpMethod.DELETE, PODS + "/a", null, null);
    assertEquals(
        List.of("ADDED a", "ADDED b", "MODIFIED b", "DELETED a"),
        summary(events.awaitJson(4, "four events")));
  }

  @Test
  void watchResumesFromAResourceVersion() throws Exception {
    JsonObject a = json(api.post(PODS, ResourceApiTest.pod("a", "")));
    api.post(PODS, ResourceApiTest.pod("b", ""));
    api.post(PODS, ResourceApiTest.pod("c", ""));
    StreamLines events =
        watch("&resourceVersion=" + a.getJsonObject("metadata").getString("resourceVersion"));
    assertEquals(
        List.of("ADDED b", "ADDED c"), summary(events.awaitJson(2, "the changes after a")));
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
