package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ResourceApiTest {

  static final String PODS = "/api/v1/namespaces/default/pods";

  static String pod(String name, String labels) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          labels: {%s}
        spec:
          containers:
          - name: main
            image: shoal-test/busybox:1
            command: ["sleep", "3600"]
        """
        .formatted(name, labels);
  }

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> "log of " + container));
  }

  @Test
  void createGetAndListWithSelectors() throws Exception {
    HttpResponse<Buffer> created = api.post(PODS, pod("web-1", "app: web, tier: front"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject body = json(created);
    assertNotNull(body.getJsonObject("metadata").getString("uid"));
    assertEquals("default", body.getJsonObject("metadata").getString("namespace"));
    assertEquals("Pending", body.getJsonObject("status").getString("phase"));
    assertEquals("Always", body.getJsonObject("spec").getString("restartPolicy"), "defaulted");
    api.post(PODS, pod("db-1", "app: db"));

    assertEquals(200, api.get(PODS + "/web-1").statusCode());
    assertEquals(List.of("web-1"), names(api.get(PODS + "?labelSelector=app%3Dweb")));
    assertEquals(List.of("db-1"), names(api.get(PODS + "?labelSelector=app%20notin%20(web)")));
    assertEquals(List.of("db-1", "web-1"), names(api.get("/api/v1/pods")));
    assertEquals(List.of("web-1"), names(api.get(PODS + "?fieldSelector=metadata.name%3Dweb-1")));
    assertEquals("PodList", json(api.get(PODS)).getString("kind"));
  }

  @Test
  void malformedBodyIs400() throws Exception {
    HttpResponse<Buffer> response =
        api.send(HttpMethod.POST, PODS, "application/json", "{\"kind\": \"Pod\", ");
    assertStatus(response, 400, "BadRequest");
    HttpResponse<Buffer> wrongType =
        api.post(
            PODS,
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: x}
        spec:
          containers:
          - name: main
            image: img
            ports:
            - containerPort: "eighty"
        """);
    assertStatus(wrongType, 400, "BadRequest");
    assertTrue(
        wrongType.bodyAsString().contains("spec.containers[0].ports[0].containerPort"),
        wrongType.bodyAsString());
  }

  @Test
  void badSelectorIs400() throws Exception {
    assertStatus(api.get(PODS + "?labelSelector=a%20in%20(b"), 400, "BadRequest");
    assertStatus(api.get(PODS + "?fieldSelector=spec.replicas%3D1"), 400, "BadRequest");
  }

  @Test
  void missingThingsAre404() throws Exception {
    assertStatus(api.get(PODS + "/nope"), 404, "NotFound");
    assertStatus(api.post("/api/v1/namespaces/ghost/pods", pod("a", "")), 404, "NotFound");
    assertStatus(api.get("/api/v1/namespaces/default/widgets"), 404, "NotFound");
    assertStatus(api.get("/nothing/here"), 404, "NotFound");
    assertStatus(api.get(PODS + "/nope/exec"), 404, "NotFound");
  }

  @Test
  void existingNameAndStaleVersionAre409() throws Exception {
    JsonObject created = json(api.post(PODS, pod("a", "")));
    assertStatus(api.post(PODS, pod("a", "")), 409, "AlreadyExists");

    JsonObject first = created.copy();
    first.getJsonObject("metadata").put("labels", new JsonObject().put("v", "1"));
    HttpResponse<Buffer> ok =
        api.send(HttpMethod.PUT, PODS + "/a", "application/json", first.encode());
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    // Same (now stale) resourceVersion again.
    assertStatus(
        api.send(HttpMethod.PUT, PODS + "/a", "application/json", first.encode()), 409, "Conflict");
  }

  @Test
  void oversizedBodyIs413() throws Exception {
    String huge = pod("a", "") + "# " + "x".repeat((int) ApiFixture.BODY_LIMIT) + "\n";
    assertStatus(api.post(PODS, huge), 413, "RequestEntityTooLarge");
  }

  @Test
  void unsupportedMediaTypeIs415() throws Exception {
    assertStatus(
        api.send(HttpMethod.POST, PODS, "text/plain", pod("a", "")), 415, "UnsupportedMediaType");
    api.post(PODS, pod("a", ""));
    assertStatus(
        api.send(HttpMethod.PATCH, PODS + "/a", "application/json-patch+json", "[]"),
        415,
        "UnsupportedMediaType");
  }

  @Test
  void invalidObjectIs422WithEveryFieldPath() throws Exception {
    HttpResponse<Buffer> response =
        api.post(
            PODS,
            """
        apiVersion: v1
        kind: Pod
        metadata:
          name: Bad_Name
        spec:
          containers:
          - name: a
            image: img
          - name: a
            image: img
            ports:
            - containerPort: 70000
        """);
    assertStatus(response, 422, "Invalid");
    JsonArray causes = json(response).getJsonObject("details").getJsonArray("causes");
    List<String> fields = causes.stream().map(c -> ((JsonObject) c).getString("field")).toList();
    assertTrue(fields.contains("metadata.name"), fields.toString());
    assertTrue(fields.contains("spec.containers[1].name"), fields.toString());
    assertTrue(fields.contains("spec.containers[1].ports[0].containerPort"), fields.toString());
    assertStatus(api.get(PODS + "/Bad_Name"), 404, "NotFound");
  }

  @Test
  void wrongMethodIs405() throws Exception {
    assertEquals(
        405, api.send(HttpMethod.PUT, PODS, "application/yaml", pod("a", "")).statusCode());
  }

  @Test
  void mismatchedNamespaceOrNameIs400() throws Exception {
    String other = pod("a", "").replace("name: a", "name: a\n  namespace: other");
    assertStatus(api.post(PODS, other), 400, "BadRequest");
    api.post(PODS, pod("a", ""));
    assertStatus(
        api.send(HttpMethod.PUT, PODS + "/a", "application/yaml", pod("b", "")), 400, "BadRequest");
  }

  @Test
  void unsupportedFieldsComeBackAsWarnings() throws Exception {
    // Node affinity is modelled; pod (anti-)affinity is not.
    String withAffinity = pod("a", "") + "  affinity: {podAntiAffinity: {}}\n";
    HttpResponse<Buffer> response = api.post(PODS, withAffinity);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    assertTrue(
        response.headers().getAll("Warning").stream()
            .anyMatch(w -> w.contains("spec.affinity.podAntiAffinity")),
        response.headers().getAll("Warning").toString());
  }

  @Test
  void mergePatchRelabels() throws Exception {
    api.post(PODS, pod("a", "app: web, old: x"));
    HttpResponse<Buffer> patched =
        api.send(
            HttpMethod.PATCH,
            PODS + "/a",
            "application/merge-patch+json",
            "{\"metadata\":{\"labels\":{\"app\":\"api\",\"old\":null}}}");
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    assertEquals(
        new JsonObject().put("app", "api"),
        json(patched).getJsonObject("metadata").getJsonObject("labels"));
    HttpResponse<Buffer> invalid =
        api.send(
            HttpMethod.PATCH,
            PODS + "/a",
            "application/merge-patch+json",
            "{\"metadata\":{\"labels\":{\"bad key!\":\"v\"}}}");
    assertStatus(invalid, 422, "Invalid");
  }

  @Test
  void statusIsItsOwnSubresource() throws Exception {
    JsonObject created = json(api.post(PODS, pod("a", "")));
    JsonObject withStatus = created.copy();
    withStatus.getJsonObject("status").put("phase", "Running");
    withStatus.getJsonObject("metadata").put("labels", new JsonObject().put("ignored", "yes"));
    HttpResponse<Buffer> status =
        api.send(HttpMethod.PUT, PODS + "/a/status", "application/json", withStatus.encode());
    assertEquals(200, status.statusCode(), status.bodyAsString());
    assertEquals("Running", json(status).getJsonObject("status").getString("phase"));
    assertNull(
        json(status).getJsonObject("metadata").getJsonObject("labels"),
        "status writes change only status");

    JsonObject main = json(status).copy();
    main.getJsonObject("status").put("phase", "Failed");
    HttpResponse<Buffer> replaced =
        api.send(HttpMethod.PUT, PODS + "/a", "application/json", main.encode());
    assertEquals(
        "Running",
        json(replaced).getJsonObject("status").getString("phase"),
        "object writes cannot change status");
  }

  @Test
  void deletingABoundPodIsGraceful() throws Exception {
    api.post(PODS, pod("loose", ""));
    assertEquals(200, api.send(HttpMethod.DELETE, PODS + "/loose", null, null).statusCode());
    assertStatus(api.get(PODS + "/loose"), 404, "NotFound");

    String bound =
        pod("bound", "")
            .replace("spec:\n", "spec:\n  nodeName: node-a\n  terminationGracePeriodSeconds: 7\n");
    assertEquals(201, api.post(PODS, bound).statusCode());
    HttpResponse<Buffer> deleted = api.send(HttpMethod.DELETE, PODS + "/bound", null, null);
    assertEquals(200, deleted.statusCode());
    JsonObject meta = json(api.get(PODS + "/bound")).getJsonObject("metadata");
    assertNotNull(meta.getString("deletionTimestamp"), "still there until its node has stopped it");
    assertEquals(7, meta.getInteger("deletionGracePeriodSeconds"));

    assertEquals(
        200,
        api.send(HttpMethod.DELETE, PODS + "/bound?gracePeriodSeconds=0", null, null).statusCode());
    assertStatus(api.get(PODS + "/bound"), 404, "NotFound");
  }

  @Test
  void protectedNamespaceCannotBeDeleted() throws Exception {
    assertStatus(
        api.send(HttpMethod.DELETE, "/api/v1/namespaces/default", null, null), 403, "Forbidden");
  }

  @Test
  void podLogComesFromTheNode() throws Exception {
    api.post(PODS, pod("a", "").replace("spec:\n", "spec:\n  nodeName: node-a\n"));
    HttpResponse<Buffer> log = api.get(PODS + "/a/log?container=main");
    assertEquals(200, log.statusCode());
    assertEquals("log of main", log.bodyAsString());
    assertEquals(
        "log of main", api.get(PODS + "/a/log").bodyAsString(), "the only container by default");
    assertEquals(400, api.get(PODS + "/a/log?container=nope").statusCode());
  }

  @Test
  void healthVersionAndDiscovery() throws Exception {
    assertEquals("ok", api.get("/healthz").bodyAsString());
    assertEquals(200, api.get("/readyz").statusCode());
    assertTrue(json(api.get("/version")).getString("gitVersion").contains("shoal"));
    assertTrue(api.get("/api/v1").bodyAsString().contains("\"pods\""));
    assertTrue(api.get("/apis").bodyAsString().contains("apps/v1"));
  }

  static List<String> names(HttpResponse<Buffer> list) {
    return json(list).getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getJsonObject("metadata").getString("name"))
        .sorted()
        .collect(Collectors.toList());
  }

  static void assertStatus(HttpResponse<Buffer> response, int code, String reason) {
    assertEquals(code, response.statusCode(), response.bodyAsString());
    JsonObject status = json(response);
    assertEquals("Status", status.getString("kind"), response.bodyAsString());
    assertEquals(reason, status.getString("reason"), response.bodyAsString());
    assertEquals(code, status.getInteger("code"));
    assertFalse(status.getString("message", "").isEmpty());
  }
}
