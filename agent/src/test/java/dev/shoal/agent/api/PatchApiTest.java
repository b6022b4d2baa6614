package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.json;
import static dev.shoal.agent.api.ResourceApiTest.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PATCH in its three formats, {@code fieldValidation} and {@code dryRun}, over HTTP. */
@ExtendWith(VertxExtension.class)
class PatchApiTest {
  static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
  static final String SMP = "application/strategic-merge-patch+json";

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 1
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            containers:
            - name: web
              image: nginx:1
              ports: [{containerPort: 80}, {containerPort: 81}]
            - name: sidecar
              image: busybox:1
      """;

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
    assertEquals(201, api.post(DEPLOYMENTS, DEPLOYMENT).statusCode());
  }

  @Test
  void strategicMergePatchMergesContainersAndPortsByKey() throws Exception {
    HttpResponse<Buffer> patched =
        patch(
            SMP,
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:2\","
                + "\"ports\":[{\"$patch\":\"delete\",\"containerPort\":80},{\"containerPort\":82}]}]}}}}");
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    JsonArray containers = containers(json(patched));
    assertEquals(2, containers.size(), "the sidecar is still there");
    assertEquals("nginx:2", containers.getJsonObject(0).getString("image"));
    assertEquals(List.of(81, 82), ports(containers.getJsonObject(0)));
  }

  @Test
  void jsonPatchAndItsFailures() throws Exception {
    HttpResponse<Buffer> patched =
        patch(
            "application/json-patch+json",
            "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":1},"
                + "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]");
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    assertEquals(4, json(patched).getJsonObject("spec").getInteger("replicas"));
    assertStatus(
        patch("application/json-patch+json", "[{\"op\":\"remove\",\"path\":\"/spec/nope\"}]"),
        422,
        "Invalid");
    assertStatus(patch("application/json-patch+json", "{\"op\":\"add\"}"), 400, "BadRequest");
    assertStatus(patch(SMP, "{\"spec\":{\"$patch\":\"explode\"}}"), 400, "BadRequest");
  }

  @Test
  void fieldValidationStrictRefusesWarnWarnsIgnoreIsSilent() throws Exception {
    String unknown = "{\"spec\":{\"foo\":1}}";
    HttpResponse<Buffer> strict = patch(SMP, unknown, "?fieldValidation=Strict");
    assertStatus(strict, 400, "BadRequest");
    assertTrue(
        strict.bodyAsString().contains("unknown field \\\"spec.foo\\\""), strict.bodyAsString());

    HttpResponse<Buffer> warned = patch(SMP, unknown, "");
    assertEquals(200, warned.statusCode(), warned.bodyAsString());
    assertEquals(
        List.of("299 - \"unknown field \\\"spec.foo\\\"\""), warned.headers().getAll("Warning"));

    HttpResponse<Buffer> ignored = patch(SMP, unknown, "?fieldValidation=Ignore");
    assertEquals(200, ignored.statusCode());
    assertEquals(List.of(), ignored.headers().getAll("Warning"));

    assertStatus(patch(SMP, unknown, "?fieldValidation=Loose"), 400, "BadRequest");
    HttpResponse<Buffer> strictCreate =
        api.send(
            HttpMethod.POST,
            DEPLOYMENTS + "?fieldValidation=Strict",
            "application/yaml",
            DEPLOYMENT.replace("{name: web}", "{name: other, bogus: 1}"));
    assertStatus(strictCreate, 400, "BadRequest");
    assertTrue(strictCreate.bodyAsString().contains("metadata.bogus"), strictCreate.bodyAsString());
    assertStatus(api.get(DEPLOYMENTS + "/other"), 404, "NotFound");
  }

  @Test
  void dryRunChecksAndAnswersButWritesNothing() throws Exception {
    String version = version();
    HttpResponse<Buffer> patched =
        patch("application/merge-patch+json", "{\"spec\":{\"replicas\":7}}", "?dryRun=All");
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    assertEquals(7, json(patched).getJsonObject("spec").getInteger("replicas"));
    assertEquals(version, version(), "nothing written");
    assertEquals(
        1, json(api.get(DEPLOYMENTS + "/web")).getJsonObject("spec").getInteger("replicas"));

    assertStatus(
        patch("application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}", "?dryRun=All"),
        422,
        "Invalid");

    HttpResponse<Buffer> created =
        api.send(
            HttpMethod.POST,
            DEPLOYMENTS + "?dryRun=All",
            "application/yaml",
            DEPLOYMENT.replace("name: web}", "name: other}"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals(
        "IfNotPresent",
        containers(json(created)).getJsonObject(0).getString("imagePullPolicy"),
        "defaulted as a create would be");
    assertStatus(api.get(DEPLOYMENTS + "/other"), 404, "NotFound");

    HttpResponse<Buffer> deleted =
        api.send(HttpMethod.DELETE, DEPLOYMENTS + "/web?dryRun=All", null, null);
    assertEquals(200, deleted.statusCode(), deleted.bodyAsString());
    assertEquals(200, api.get(DEPLOYMENTS + "/web").statusCode(), "still there");
    assertStatus(patch(SMP, "{}", "?dryRun=Some"), 400, "BadRequest");
  }

  @Test
  void lastAppliedAnnotationIsKeptAsSent() throws Exception {
    String sent = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",  \"odd\" : [ 1 ]}\n";
    HttpResponse<Buffer> patched =
        patch(
            SMP,
            new JsonObject()
                .put(
                    "metadata",
                    new JsonObject()
                        .put(
                            "annotations",
                            new JsonObject()
                                .put("kubectl.kubernetes.io/last-applied-configuration", sent)))
                .encode());
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    assertEquals(
        sent,
        json(api.get(DEPLOYMENTS + "/web"))
            .getJsonObject("metadata")
            .getJsonObject("annotations")
            .getString("kubectl.kubernetes.io/last-applied-configuration"));
  }

  private String version() throws Exception {
    return json(api.get(DEPLOYMENTS + "/web"))
        .getJsonObject("metadata")
        .getString("resourceVersion");
  }

  private HttpResponse<Buffer> patch(String type, String body) throws Exception {
    return patch(type, body, "");
  }

  private HttpResponse<Buffer> patch(String type, String body, String query) throws Exception {
    return api.send(HttpMethod.PATCH, DEPLOYMENTS + "/web" + query, type, body);
  }

  static JsonArray containers(JsonObject deployment) {
    return deployment
        .getJsonObject("spec")
        .getJsonObject("template")
        .getJsonObject("spec")
        .getJsonArray("containers");
  }

  static List<Integer> ports(JsonObject container) {
    return container.getJsonArray("ports").stream()
        .map(p -> ((JsonObject) p).getInteger("containerPort"))
        .toList();
  }
}
