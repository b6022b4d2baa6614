package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.assertInvalid;
import static dev.shoal.agent.api.ApiFixture.json;
import static dev.shoal.agent.api.ResourceApiTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code scale} subresource and DELETE's options through the HTTP API, and a protobuf body
 * captured from kubectl: what each accepts, what each refuses and with which Status.
 */
@ExtendWith(VertxExtension.class)
class ScaleAndDeleteApiTest {
  static final String DEPLOYS = "/apis/apps/v1/namespaces/default/deployments";
  static final String SCALE = DEPLOYS + "/web/scale";

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 2
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers: [{name: c, image: shoal-test/busybox:1}]
      """;

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
    assertEquals(201, api.post(DEPLOYS, DEPLOYMENT).statusCode());
  }

  @Test
  void scaleReadsAndWritesOnlyReplicas() throws Exception {
    JsonObject scale = json(api.get(SCALE));
    assertEquals("autoscaling/v1", scale.getString("apiVersion"));
    assertEquals("Scale", scale.getString("kind"));
    assertEquals(2, scale.getJsonObject("spec").getInteger("replicas"));
    assertEquals("app=web", scale.getJsonObject("status").getString("selector"));
    String version = scale.getJsonObject("metadata").getString("resourceVersion");

    scale.getJsonObject("spec").put("replicas", 5);
    HttpResponse<Buffer> put = api.send(HttpMethod.PUT, SCALE, "application/json", scale.encode());
    assertEquals(200, put.statusCode(), put.bodyAsString());
    assertEquals(5, json(put).getJsonObject("spec").getInteger("replicas"));
    JsonObject deployment = json(api.get(DEPLOYS + "/web"));
    assertEquals(5, deployment.getJsonObject("spec").getInteger("replicas"));
    assertEquals(
        "shoal-test/busybox:1",
        deployment
            .getJsonObject("spec")
            .getJsonObject("template")
            .getJsonObject("spec")
            .getJsonArray("containers")
            .getJsonObject(0)
            .getString("image"));

    // The same Scale again names the version before the write: stale, 409.
    assertStatus(
        api.send(HttpMethod.PUT, SCALE, "application/json", scale.encode()), 409, "Conflict");
    assertEquals(version, scale.getJsonObject("metadata").getString("resourceVersion"));

    for (String[] patch :
        new String[][] {
          {"application/merge-patch+json", "{\"spec\":{\"replicas\":3}}", "3"},
          {"application/strategic-merge-patch+json", "{\"spec\":{\"replicas\":4}}", "4"},
          {
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]",
            "1"
          }
        }) {
      HttpResponse<Buffer> patched = api.send(HttpMethod.PATCH, SCALE, patch[0], patch[1]);
      assertEquals(200, patched.statusCode(), patched.bodyAsString());
      assertEquals(
          Integer.parseInt(patch[2]),
          json(api.get(DEPLOYS + "/web")).getJsonObject("spec").getInteger("replicas"),
          patch[0]);
    }

    assertInvalid(
        api.send(
            HttpMethod.PATCH,
            SCALE,
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":-1}}"),
        "spec.replicas");
    assertStatus(
        api.send(
            HttpMethod.PATCH,
            SCALE,
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":\"x\"}}"),
        400,
        "BadRequest");
    assertStatus(
        api.send(HttpMethod.PUT, SCALE, "application/json", "{\"kind\":\"Deployment\"}"),
        400,
        "BadRequest");
    assertStatus(
        api.send(HttpMethod.PUT, SCALE, "application/json", "{not json"), 400, "BadRequest");
    assertEquals(404, api.get("/api/v1/namespaces/default/pods/p/scale").statusCode());
  }

  @Test
  void discoveryListsScaleAsAutoscalingV1() throws Exception {
    JsonArray resources = json(api.get("/apis/apps/v1")).getJsonArray("resources");
    JsonObject scale =
        resources.stream()
            .map(JsonObject.class::cast)
            .filter(r -> r.getString("name").equals("deployments/scale"))
            .findFirst()
            .orElseThrow();
    assertEquals("autoscaling", scale.getString("group"));
    assertEquals("v1", scale.getString("version"));
    assertEquals("Scale", scale.getString("kind"));
    assertTrue(
        resources.stream()
            .anyMatch(r -> ((JsonObject) r).getString("name").equals("replicasets/scale")));
  }

  @Test
  void deleteOptionsAreCheckedAndOrphanMarksTheObject() throws Exception {
    String web = DEPLOYS + "/web";
    assertInvalid(
        api.send(
            HttpMethod.DELETE, web, "application/json", "{\"propagationPolicy\":\"Sideways\"}"),
        "propagationPolicy");
    assertInvalid(
        api.send(
            HttpMethod.DELETE,
            web,
            "application/json",
            "{\"propagationPolicy\":\"Orphan\",\"orphanDependents\":true}"),
        "propagationPolicy");
    assertStatus(
        api.send(
            HttpMethod.DELETE, web, "application/json", "{\"preconditions\":{\"uid\":\"nope\"}}"),
        409,
        "Conflict");
    assertStatus(api.send(HttpMethod.DELETE, web, "application/json", "[1]"), 400, "BadRequest");

    HttpResponse<Buffer> orphan =
        api.send(HttpMethod.DELETE, web, "application/json", "{\"propagationPolicy\":\"Orphan\"}");
    assertEquals(200, orphan.statusCode(), orphan.bodyAsString());
    JsonObject meta = json(api.get(web)).getJsonObject("metadata");
    assertEquals(new JsonArray().add("orphan"), meta.getJsonArray("finalizers"));
    assertNotNull(meta.getString("deletionTimestamp"), "left for the garbage collector");

    HttpResponse<Buffer> dry =
        api.send(
            HttpMethod.DELETE,
            DEPLOYS + "/web?dryRun=All&propagationPolicy=Background",
            null,
            null);
    assertEquals(200, dry.statusCode(), dry.bodyAsString());
    assertEquals(200, api.get(web).statusCode(), "a dry run deletes nothing");
  }

  @Test
  void aKubectlProtobufBodyCreatesAndABrokenOneIsA400() throws Exception {
    assertEquals(200, api.send(HttpMethod.DELETE, DEPLOYS + "/web", null, null).statusCode());
    byte[] body =
        Files.readAllBytes(
            Path.of(getClass().getResource("/protobuf/create-deployment.bin").toURI()));
    HttpResponse<Buffer> created =
        ApiFixture.await(
            api.client
                .post(DEPLOYS + "?fieldValidation=Strict")
                .putHeader("Content-Type", "application/vnd.kubernetes.protobuf")
                .sendBuffer(Buffer.buffer(body)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals(0, json(created).getJsonObject("spec").getInteger("replicas"));
    assertTrue(
        created.getHeader("Warning") == null, "nothing unknown: " + created.getHeader("Warning"));

    HttpResponse<Buffer> broken =
        ApiFixture.await(
            api.client
                .post(DEPLOYS)
                .putHeader("Content-Type", "application/vnd.kubernetes.protobuf")
                .sendBuffer(Buffer.buffer(java.util.Arrays.copyOf(body, 40))));
    assertStatus(broken, 400, "BadRequest");
    assertTrue(json(broken).getString("message").contains("protobuf"), broken.bodyAsString());
  }
}
