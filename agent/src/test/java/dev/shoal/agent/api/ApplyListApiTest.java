package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
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

/**
 * {@code POST /apply} of a List or a multi-document YAML: every document is checked (defaulting,
 * validation, the same object named twice) before any is written, and a refusal is a Kubernetes
 * Status whose causes name the item ({@code items[1].spec...}).
 */
@ExtendWith(VertxExtension.class)
class ApplyListApiTest {

  static final String JOBS = "/apis/batch/v1/namespaces/default/jobs";
  static final String CRON_JOBS = "/apis/batch/v1/namespaces/default/cronjobs";

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
  }

  static JsonObject job(String name, String command) {
    return new JsonObject(
        """
        {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "%s"},
         "spec": {"completions": 2, "template": {"spec": {"restartPolicy": "Never",
           "containers": [{"name": "c", "image": "shoal-test/busybox:1", "command": ["%s"]}]}}}}
        """
            .formatted(name, command));
  }

  static JsonObject cronJob(String name, String schedule) {
    return new JsonObject(
        """
        {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "%s"},
         "spec": {"schedule": "%s", "jobTemplate": {"spec": {"template": {"spec": {
           "restartPolicy": "OnFailure",
           "containers": [{"name": "c", "image": "shoal-test/busybox:1"}]}}}}}}
        """
            .formatted(name, schedule));
  }

  HttpResponse<Buffer> applyList(JsonObject... items) throws Exception {
    JsonObject list =
        new JsonObject().put("apiVersion", "v1").put("kind", "List").put("items", new JsonArray());
    for (JsonObject item : items) {
      list.getJsonArray("items").add(item);
    }
    return api.send(HttpMethod.POST, "/apply", "application/json", list.encode());
  }

  /** The Status of a refusal, checked to be one: kind Status, Failure, the HTTP code. */
  static JsonObject status(HttpResponse<Buffer> response, int code, String reason) {
    assertEquals(code, response.statusCode(), response.bodyAsString());
    JsonObject body = json(response);
    assertEquals("Status", body.getString("kind"), response.bodyAsString());
    assertEquals("v1", body.getString("apiVersion"));
    assertEquals("Failure", body.getString("status"));
    assertEquals(code, body.getInteger("code"));
    assertEquals(reason, body.getString("reason"), response.bodyAsString());
    return body;
  }

  static List<String> causeFields(JsonObject status) {
    return status.getJsonObject("details").getJsonArray("causes").stream()
        .map(c -> ((JsonObject) c).getString("field"))
        .toList();
  }

  @Test
  void theSameJobTwiceWithAChangedTemplateIsAStatusAndWritesNothing() throws Exception {
    // The second document alone would pass as a create; as an update of the first it changes the
    // immutable template. Before, the first was written and the answer was a 422 ApplyResult.
    HttpResponse<Buffer> response = applyList(job("pi", "true"), job("pi", "false"));
    JsonObject status = status(response, 422, "Invalid");
    assertEquals(List.of("items[1].metadata.name"), causeFields(status));
    assertEquals(
        "FieldValueDuplicate",
        status
            .getJsonObject("details")
            .getJsonArray("causes")
            .getJsonObject(0)
            .getString("reason"));
    assertTrue(status.getString("message").startsWith("document 1: "), status.encode());
    assertEquals(404, api.get(JOBS + "/pi").statusCode(), "nothing written");
  }

  @Test
  void anInvalidCronJobAfterAValidJobNamesItsItemAndWritesNothing() throws Exception {
    HttpResponse<Buffer> response = applyList(job("report", "true"), cronJob("report", "61 * * *"));
    JsonObject status = status(response, 422, "Invalid");
    List<String> fields = causeFields(status);
    assertTrue(
        !fields.isEmpty() && fields.stream().allMatch(f -> f.startsWith("items[1].spec.schedule")),
        status.encode());
    assertEquals(404, api.get(JOBS + "/report").statusCode(), "nothing written");
    assertEquals(404, api.get(CRON_JOBS + "/report").statusCode());
  }

  @Test
  void aMultiDocumentYamlNamesTheDocumentByItsIndex() throws Exception {
    String yaml =
        """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: first}
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{name: c, image: shoal-test/busybox:1}]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: second}
        spec:
          completions: -1
          template:
            spec:
              restartPolicy: Never
              containers: [{name: c, image: shoal-test/busybox:1}]
        """;
    JsonObject status = status(api.post("/apply", yaml), 422, "Invalid");
    assertEquals(List.of("items[1].spec.completions"), causeFields(status));
    assertEquals(404, api.get(JOBS + "/first").statusCode(), "nothing written");
  }

  @Test
  void aDocumentWithoutANameIsNamedByItsItem() throws Exception {
    JsonObject unnamed = job("x", "true");
    unnamed.getJsonObject("metadata").remove("name");
    JsonObject status = status(applyList(job("a", "true"), unnamed), 422, "Invalid");
    assertEquals(List.of("items[1].metadata.name"), causeFields(status));
    assertEquals(404, api.get(JOBS + "/a").statusCode());
  }

  @Test
  void aWriteThatFailsAfterTheChecksTakesBackWhatTheBodyWrote(Vertx vertx) throws Exception {
    // A create hook that refuses one name at write time, as a NodePort another client took between
    // the checks and the write would: the checks pass, the third write fails.
    WriteHooks refuseOne =
        new WriteHooks() {
          @Override
          public Future<Resource> beforeCreate(Resource admitted) {
            return admitted.metadata().name().equals("late")
                ? Future.failedFuture(
                    new ApiError(Status.conflict("batch", "jobs", "late", "taken meanwhile")))
                : Future.succeededFuture(admitted);
          }
        };
    ApiFixture hooked = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""), s -> refuseOne);
    JsonObject kept = job("kept", "true");
    kept.getJsonObject("metadata").put("labels", new JsonObject().put("v", "1"));
    assertEquals(
        201, hooked.send(HttpMethod.POST, JOBS, "application/json", kept.encode()).statusCode());
    JsonObject relabelled = job("kept", "true");
    relabelled.getJsonObject("metadata").put("labels", new JsonObject().put("v", "2"));
    JsonObject list =
        new JsonObject()
            .put("apiVersion", "v1")
            .put("kind", "List")
            .put(
                "items",
                new JsonArray().add(job("fresh", "true")).add(relabelled).add(job("late", "true")));

    HttpResponse<Buffer> response =
        hooked.send(HttpMethod.POST, "/apply", "application/json", list.encode());
    JsonObject status = status(response, 409, "Conflict");
    assertTrue(status.getString("message").startsWith("document 2: "), status.encode());
    assertTrue(status.getString("message").contains("were undone"), status.encode());
    assertEquals(404, hooked.get(JOBS + "/fresh").statusCode(), "the created job is taken back");
    assertEquals(
        "1",
        json(hooked.get(JOBS + "/kept"))
            .getJsonObject("metadata")
            .getJsonObject("labels")
            .getString("v"),
        "the configured job has its labels from before back");
  }

  @Test
  void oneNameForDifferentKindsOrNamespacesIsNoDuplicate() throws Exception {
    JsonObject elsewhere = job("pi", "true");
    elsewhere.getJsonObject("metadata").put("namespace", "batch");
    JsonObject namespace =
        new JsonObject()
            .put("apiVersion", "v1")
            .put("kind", "Namespace")
            .put("metadata", new JsonObject().put("name", "batch"));
    HttpResponse<Buffer> response =
        applyList(job("pi", "true"), cronJob("pi", "5 * * * *"), namespace, elsewhere);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals(
        List.of("created", "created", "created", "created"),
        json(response).getJsonArray("items").stream()
            .map(i -> ((JsonObject) i).getString("action"))
            .toList());
    assertEquals(200, api.get(JOBS + "/pi").statusCode());
    assertEquals(200, api.get("/apis/batch/v1/namespaces/batch/jobs/pi").statusCode());
  }
}
