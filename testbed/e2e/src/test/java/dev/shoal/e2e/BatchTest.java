package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs and CronJobs on three hosts: an Indexed Job finishes each index once across a kill of the
 * leader in the middle, a failing Job stops at its backoffLimit, and a minutely CronJob runs, keeps
 * its history limit and does not run a minute twice across a leader failover.
 */
class BatchTest extends ThreeHostTestbed {
  private static final String NS = "batch";
  private static final Duration JOB_LIMIT = Duration.ofSeconds(150);

  @BeforeAll
  static void namespace() {
    api(1).apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + NS + "}\n");
  }

  @Test
  void anIndexedJobFinishesEachIndexOnceAcrossAKillOfTheLeader() {
    long start = System.nanoTime();
    api(1)
        .apply(
            """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: squares, namespace: batch}
        spec:
          completionMode: Indexed
          completions: 6
          parallelism: 2
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: square
                  image: shoal-test/busybox:1
                  imagePullPolicy: IfNotPresent
                  command: ["sh", "-c", "sleep 4; echo $((JOB_COMPLETION_INDEX * JOB_COMPLETION_INDEX)) on $(hostname)"]
        """);
    Poll.until(
        "2 of 6 indexes done",
        JOB_LIMIT,
        () -> job(api(1), "squares"),
        j -> j.path("status").path("succeeded").asInt() >= 2);
    Host leader =
        Poll.until(
            "a leader", Duration.ofSeconds(30), () -> Leader.of(testbed, hosts), h -> h != null);
    long killed = System.nanoTime();
    testbed.kill(leader);
    figure(
        "jobs-kill leader %s killed %s after the job started, %s indexes done",
        leader.name(),
        since(start),
        job(other(leader), "squares").path("status").path("completedIndexes").asText());
    testbed.restart(leader);

    ShoalApi via = other(leader);
    JsonNode done =
        Poll.until(
            "the job to complete",
            JOB_LIMIT,
            () -> job(via, "squares"),
            j -> hasCondition(j, "Complete"));
    figure(
        "jobs-indexed complete %s after the start, %s after the leader was killed",
        since(start), since(killed));
    assertEquals("0-5", done.path("status").path("completedIndexes").asText(), done.toString());
    assertEquals(6, done.path("status").path("succeeded").asInt());

    Map<Integer, List<String>> byIndex = new TreeMap<>();
    for (JsonNode pod :
        via.get(
                "/api/v1/namespaces/batch/pods?labelSelector=batch.kubernetes.io%2Fjob-name%3Dsquares")
            .path("items")) {
      int index =
          pod.path("metadata")
              .path("annotations")
              .path("batch.kubernetes.io/job-completion-index")
              .asInt();
      byIndex
          .computeIfAbsent(index, i -> new ArrayList<>())
          .add(
              pod.path("metadata").path("name").asText()
                  + ":"
                  + pod.path("status").path("phase").asText());
    }
    figure("jobs-indexed pods per index %s", byIndex);
    // The node lifecycle deletes the pods of the killed host once it counts as lost, finished ones
    // too: the
    // job's completedIndexes remembers what they did, and no index runs again.
    assertTrue(byIndex.size() >= 6 - 2, byIndex.toString());
    byIndex.forEach(
        (index, pods) ->
            assertEquals(
                1,
                pods.stream().filter(p -> p.endsWith(":Succeeded")).count(),
                "index " + index + " succeeded exactly once: " + pods));
    byIndex.forEach(
        (index, pods) ->
            assertTrue(
                pods.stream().allMatch(p -> p.endsWith(":Succeeded") || p.endsWith(":Failed")),
                "nothing of index " + index + " still runs: " + pods));
  }

  @Test
  void aFailingJobStopsAtItsBackoffLimit() {
    long start = System.nanoTime();
    api(2)
        .apply(
            """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: fails, namespace: batch}
        spec:
          backoffLimit: 1
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: fail
                  image: shoal-test/busybox:1
                  imagePullPolicy: IfNotPresent
                  command: ["sh", "-c", "exit 1"]
        """);
    JsonNode failed =
        Poll.until(
            "the job to fail",
            JOB_LIMIT,
            () -> job(api(2), "fails"),
            j -> hasCondition(j, "Failed"));
    figure(
        "jobs-backoff failed %s after the start (backoffLimit 1: two pods, 10 s apart)",
        since(start));
    JsonNode condition = condition(failed, "Failed");
    assertEquals("BackoffLimitExceeded", condition.path("reason").asText(), failed.toString());
    assertEquals(2, failed.path("status").path("failed").asInt());
    List<String> pods =
        Poll.stable(
            "no pod after the failure",
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            () -> podNames(api(2), "fails"),
            p -> p.size() == 2);
    figure("jobs-backoff pods %s", pods);
  }

  @Test
  void aMinutelyCronJobKeepsItsHistoryAndRunsNoMinuteTwiceAcrossALeaderFailover() {
    long start = System.nanoTime();
    api(1)
        .apply(
            """
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: tick, namespace: batch}
        spec:
          schedule: "* * * * *"
          concurrencyPolicy: Forbid
          successfulJobsHistoryLimit: 2
          failedJobsHistoryLimit: 1
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: tick
                      image: shoal-test/busybox:1
                      imagePullPolicy: IfNotPresent
                      command: ["sh", "-c", "echo tick"]
        """);
    JsonNode first =
        Poll.until(
            "the first run to succeed",
            Duration.ofSeconds(100),
            () -> cronJob(api(1)),
            c -> !c.path("status").path("lastSuccessfulTime").isMissingNode());
    String firstRun = first.path("status").path("lastScheduleTime").asText();
    figure("cron-first run for %s succeeded %s after the create", firstRun, since(start));

    Host leader =
        Poll.until(
            "a leader", Duration.ofSeconds(30), () -> Leader.of(testbed, hosts), h -> h != null);
    testbed.kill(leader);
    long killed = System.nanoTime();
    testbed.restart(leader);
    ShoalApi via = other(leader);

    // Two more minutes: the runs after the failover, and the history limit of 2 successful jobs.
    JsonNode third =
        Poll.until(
            "two more runs after the failover",
            Duration.ofSeconds(150),
            () -> cronJob(via),
            c ->
                runsSince(firstRun, c) >= 2
                    && !c.path("status")
                        .path("lastSuccessfulTime")
                        .asText()
                        .equals(first.path("status").path("lastSuccessfulTime").asText())
                    && succeededJobs(via).size() >= 2);
    figure(
        "cron-failover leader %s killed; two more runs %s after the kill",
        leader.name(), since(killed));
    List<String> kept =
        Poll.until(
            "the history limit of 2 successful jobs",
            Duration.ofSeconds(60),
            () -> succeededJobs(via),
            j -> j.size() == 2);
    figure(
        "cron-history kept %s, last schedule %s",
        kept, third.path("status").path("lastScheduleTime").asText());

    // No minute ran twice: each job name is one scheduled minute and each ran one pod.
    Map<String, Integer> podsPerJob = new TreeMap<>();
    for (JsonNode pod : via.get("/api/v1/namespaces/batch/pods").path("items")) {
      String job =
          pod.path("metadata").path("labels").path("batch.kubernetes.io/job-name").asText();
      if (job.startsWith("tick-")) {
        podsPerJob.merge(job, 1, Integer::sum);
      }
    }
    figure("cron-pods per job %s", podsPerJob);
    podsPerJob.forEach((job, count) -> assertEquals(1, count, job + " ran once"));
    List<Long> minutes = new ArrayList<>();
    for (JsonNode job : via.get("/apis/batch/v1/namespaces/batch/jobs").path("items")) {
      String name = job.path("metadata").path("name").asText();
      if (name.startsWith("tick-")) {
        minutes.add(Long.parseLong(name.substring("tick-".length())));
      }
    }
    assertEquals(
        minutes.size(), minutes.stream().distinct().count(), "one job per minute: " + minutes);
    assertTrue(
        minutes.size() <= 3, "history limits keep at most 2 successful and 1 failed: " + minutes);
  }

  private static int runsSince(String firstRun, JsonNode cronJob) {
    String last = cronJob.path("status").path("lastScheduleTime").asText();
    if (last.isEmpty()) {
      return 0;
    }
    return (int)
        Duration.between(java.time.Instant.parse(firstRun), java.time.Instant.parse(last))
            .toMinutes();
  }

  private static List<String> succeededJobs(ShoalApi via) {
    List<String> names = new ArrayList<>();
    for (JsonNode job : via.get("/apis/batch/v1/namespaces/batch/jobs").path("items")) {
      if (job.path("metadata").path("name").asText().startsWith("tick-")
          && hasCondition(job, "Complete")) {
        names.add(job.path("metadata").path("name").asText());
      }
    }
    return names.stream().sorted().toList();
  }

  private static ShoalApi other(Host leader) {
    return apis.stream().filter(a -> !a.host().equals(leader)).findFirst().orElseThrow();
  }

  private static JsonNode job(ShoalApi via, String name) {
    return via.get("/apis/batch/v1/namespaces/batch/jobs/" + name);
  }

  private static JsonNode cronJob(ShoalApi via) {
    return via.get("/apis/batch/v1/namespaces/batch/cronjobs/tick");
  }

  private static List<String> podNames(ShoalApi via, String job) {
    List<String> names = new ArrayList<>();
    via.get("/api/v1/namespaces/batch/pods?labelSelector=job-name%3D" + job)
        .path("items")
        .forEach(p -> names.add(p.path("metadata").path("name").asText()));
    return names;
  }

  private static boolean hasCondition(JsonNode job, String type) {
    JsonNode c = condition(job, type);
    return c != null && "True".equals(c.path("status").asText());
  }

  private static JsonNode condition(JsonNode job, String type) {
    for (JsonNode c : job.path("status").path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }
}
