package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.assertInvalid;
import static dev.shoal.agent.api.ApiFixture.json;
import static dev.shoal.agent.api.ApiFixture.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/**
 * Jobs and CronJobs over HTTP: defaults, refusals with field paths, apply twice, lists, watch,
 * status, discovery.
 */
@ExtendWith(VertxExtension.class)
class BatchApiTest {
  static final String JOBS = "/apis/batch/v1/namespaces/default/jobs";
  static final String CRON_JOBS = "/apis/batch/v1/namespaces/default/cronjobs";

  static final String JOB =
      """
      apiVersion: batch/v1
      kind: Job
      metadata: {name: pi, labels: {team: math}}
      spec:
        completions: 3
        template:
          spec:
            restartPolicy: Never
            containers: [{name: c, image: shoal-test/busybox:1}]
      """;

  static final String CRON_JOB =
      """
      apiVersion: batch/v1
      kind: CronJob
      metadata: {name: tick}
      spec:
        schedule: "*/5 * * * *"
        timeZone: Europe/Berlin
        jobTemplate:
          spec:
            template:
              spec:
                restartPolicy: OnFailure
                containers: [{name: c, image: shoal-test/busybox:1}]
      """;

  ApiFixture api;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    api = new ApiFixture(vertx, PodLogs.text((pod, container) -> ""));
  }

  @Test
  void aJobGetsUpstreamDefaultsAndAGeneratedSelectorItsTemplateMatches() throws Exception {
    HttpResponse<Buffer> created = api.post(JOBS, JOB);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject spec = json(created).getJsonObject("spec");
    assertEquals(1, spec.getInteger("parallelism"));
    assertEquals(6, spec.getInteger("backoffLimit"));
    assertEquals("NonIndexed", spec.getString("completionMode"));
    assertEquals(false, spec.getBoolean("suspend"));
    String uid =
        spec.getJsonObject("selector")
            .getJsonObject("matchLabels")
            .getString("batch.kubernetes.io/controller-uid");
    assertNotNull(uid);
    JsonObject labels =
        spec.getJsonObject("template").getJsonObject("metadata").getJsonObject("labels");
    assertEquals(uid, labels.getString("controller-uid"));
    assertEquals("pi", labels.getString("batch.kubernetes.io/job-name"));
    assertEquals("pi", labels.getString("job-name"));
  }

  @Test
  void applyingTheSameJobTwiceChangesNothing() throws Exception {
    assertEquals(List.of("created"), actions(api.post("/apply", JOB)));
    assertEquals(List.of("unchanged"), actions(api.post("/apply", JOB)));
    HttpResponse<Buffer> changed =
        api.post("/apply", JOB.replace("completions: 3", "completions: 3\n  parallelism: 2"));
    assertEquals(List.of("configured"), actions(changed));
  }

  @Test
  void refusalsNameTheField() throws Exception {
    assertInvalid(
        api.post(JOBS, JOB.replace("restartPolicy: Never", "restartPolicy: Always")),
        "spec.template.spec.restartPolicy");
    assertInvalid(
        api.post(
            JOBS,
            JOB.replace(
                "completions: 3",
                "completions: 3\n  completionMode: Indexed\n" + "  backoffLimit: -1")),
        "spec.backoffLimit");
    // As upstream, a job naming neither completions nor parallelism gets completions 1, even when
    // Indexed.
    assertInvalid(
        api.post(JOBS, JOB.replace("completions: 3", "completionMode: Indexed\n  parallelism: 2")),
        "spec.completions");
    assertInvalid(
        api.post(CRON_JOBS, CRON_JOB.replace("*/5 * * * *", "*/5 * * *")), "spec.schedule");
    assertInvalid(
        api.post(CRON_JOBS, CRON_JOB.replace("Europe/Berlin", "Europe/Atlantis")), "spec.timeZone");
    assertInvalid(
        api.post(CRON_JOBS, CRON_JOB.replace("restartPolicy: OnFailure", "restartPolicy: Always")),
        "spec.jobTemplate.spec.template.spec.restartPolicy");
    HttpResponse<Buffer> wrongType =
        api.post(JOBS, JOB.replace("completions: 3", "completions: lots"));
    assertEquals(400, wrongType.statusCode(), wrongType.bodyAsString());
    assertTrue(wrongType.bodyAsString().contains("spec.completions"), wrongType.bodyAsString());
    assertEquals(List.of(), names(api.get(JOBS)), "nothing half-written");
    assertEquals(List.of(), names(api.get(CRON_JOBS)));
  }

  @Test
  void aCronJobGetsItsDefaults() throws Exception {
    HttpResponse<Buffer> created = api.post(CRON_JOBS, CRON_JOB);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject spec = json(created).getJsonObject("spec");
    assertEquals("Allow", spec.getString("concurrencyPolicy"));
    assertEquals(3, spec.getInteger("successfulJobsHistoryLimit"));
    assertEquals(1, spec.getInteger("failedJobsHistoryLimit"));
    assertEquals(false, spec.getBoolean("suspend"));
  }

  @Test
  void listsWithSelectorsAcrossNamespacesAndTheStatusSubresource() throws Exception {
    api.post(JOBS, JOB);
    api.post(JOBS, JOB.replace("name: pi", "name: e").replace("team: math", "team: physics"));
    assertEquals(List.of("pi"), names(api.get(JOBS + "?labelSelector=team%3Dmath")));
    assertEquals(List.of("e", "pi"), names(api.get("/apis/batch/v1/jobs")));
    assertEquals("JobList", json(api.get(JOBS)).getString("kind"));

    JsonObject job = json(api.get(JOBS + "/pi"));
    job.put("status", new JsonObject().put("active", 2).put("succeeded", 1));
    job.getJsonObject("spec").put("parallelism", 9);
    HttpResponse<Buffer> put =
        api.send(HttpMethod.PUT, JOBS + "/pi/status", "application/json", job.encode());
    assertEquals(200, put.statusCode(), put.bodyAsString());
    JsonObject stored = json(api.get(JOBS + "/pi"));
    assertEquals(2, stored.getJsonObject("status").getInteger("active"));
    assertEquals(
        1,
        stored.getJsonObject("spec").getInteger("parallelism"),
        "a status write changes no spec");
  }

  @Test
  void discoveryListsJobsAndCronJobs() throws Exception {
    JsonObject resources = json(api.get("/apis/batch/v1"));
    List<String> names =
        resources.getJsonArray("resources").stream()
            .map(r -> ((JsonObject) r).getString("name"))
            .toList();
    assertTrue(
        names.containsAll(List.of("jobs", "jobs/status", "cronjobs", "cronjobs/status")),
        names::toString);
    assertTrue(json(api.get("/apis")).encode().contains("\"batch/v1\""));
  }

  @Test
  void aWatchSeesJobsComeAndGo() throws Exception {
    StreamLines events = api.watch(JOBS + "?watch=true");
    api.post(JOBS, JOB);
    // As kubectl does: a Job deleted with no policy is orphaned (upstream's default for Jobs).
    api.send(HttpMethod.DELETE, JOBS + "/pi?propagationPolicy=Background", null, null);
    assertEquals(
        List.of("ADDED pi", "DELETED pi"),
        ApiFixture.summary(events.awaitJson(2, "ADDED and DELETED of the job")));
  }

  private static List<String> actions(HttpResponse<Buffer> applied) {
    assertEquals(200, applied.statusCode(), applied.bodyAsString());
    return json(applied).getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("action"))
        .toList();
  }
}
