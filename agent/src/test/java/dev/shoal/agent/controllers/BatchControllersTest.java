package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.CronJobSpec;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobCondition;
import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.JobTemplateSpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job and cron job controllers with every other leader component over an in-memory store and a
 * fake kubelet, across a change of leader; the cron job on a clock the test moves.
 */
@ExtendWith(VertxExtension.class)
class BatchControllersTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final MovableClock clock = new MovableClock(Instant.now());
  private final LeaderOptions options =
      new LeaderOptions(
          Duration.ofDays(1),
          Duration.ofDays(1),
          Duration.ofSeconds(30),
          dev.shoal.agent.scheduler.SchedulerOptions.DEFAULT,
          dev.shoal.agent.control.Timer.system(clock),
          java.util.Optional.empty());

  @Test
  void anIndexedJobRunsEachIndexOnceAcrossALeaderChange(Vertx vertx) throws Exception {
    try (LeaderHarness h = new LeaderHarness(vertx, options, node -> false, "n1", "n2")) {
      await(h.store.create(new Admission().withDefaults(job("sq", 4, 2))));
      Eventually.check(() -> running(h).size() == 2, WAIT, "two pods running");
      succeed(h, running(h).get(0));
      Eventually.check(() -> running(h).size() == 2, WAIT, "a third index started");

      await(h.leader.stop());
      LeaderControllers second = new LeaderControllers(vertx, h.store, options);
      await(second.start());
      try {
        Eventually.check(
            () -> {
              running(h).forEach(p -> succeed(h, p));
              Job job = h.get(Job.class, Job.KIND, "ns", "sq");
              return job.status() != null && job.status().hasTrue(JobCondition.COMPLETE);
            },
            WAIT,
            "the job to complete");
        Job job = h.get(Job.class, Job.KIND, "ns", "sq");
        assertEquals("0-3", job.status().completedIndexes());
        assertEquals(4, job.status().succeeded());
        Map<String, Integer> perIndex = new HashMap<>();
        for (Pod pod : h.pods("ns")) {
          perIndex.merge(
              pod.metadata().annotations().get("batch.kubernetes.io/job-completion-index"),
              1,
              Integer::sum);
        }
        assertEquals(
            Map.of("0", 1, "1", 1, "2", 1, "3", 1), perIndex, "one pod per index, none run twice");

        await(h.store.delete(new ObjectKey(Job.KIND, "ns", "sq")));
        Eventually.check(() -> h.pods("ns").isEmpty(), WAIT, "the job's pods to be collected");
      } finally {
        await(second.stop());
      }
    }
  }

  @Test
  void aCronJobRunsEachMinuteKeepsItsHistoryAndCatchesUpOnceAfterDowntime(Vertx vertx)
      throws Exception {
    try (LeaderHarness h = new LeaderHarness(vertx, options, node -> false, "n1")) {
      Resource created = await(h.store.create(new Admission().withDefaults(cronJob("tick"))));
      for (int minute = 1; minute <= 3; minute++) {
        clock.advance(Duration.ofMinutes(1));
        poke(h, created);
        int expected = minute;
        Eventually.check(
            () -> {
              running(h).forEach(p -> succeed(h, p));
              return jobsOf(h).stream()
                          .filter(
                              j -> j.status() != null && j.status().hasTrue(JobCondition.COMPLETE))
                          .count()
                      >= Math.min(expected, 2)
                  && jobNames(h).size() <= 2
                  && lastSchedule(h) != null
                  && lastSchedule(h).isAfter(clock.instant().minusSeconds(61));
            },
            WAIT,
            "run " + minute + " to finish with at most 2 jobs kept");
      }
      List<String> before = jobNames(h);

      await(h.leader.stop()); // the cluster is down for ten minutes
      clock.advance(Duration.ofMinutes(10));
      LeaderControllers second = new LeaderControllers(vertx, h.store, options);
      await(second.start());
      try {
        Instant expected = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String catchUp = "tick-" + expected.getEpochSecond() / 60;
        Eventually.check(() -> jobNames(h).contains(catchUp), WAIT, "the catch-up run " + catchUp);
        CronJob cj = h.get(CronJob.class, CronJob.KIND, "ns", "tick");
        assertEquals(expected, cj.status().lastScheduleTime());
        List<String> after = jobNames(h);
        after.removeAll(before);
        assertEquals(List.of(catchUp), after, "one catch-up run, not ten");
      } finally {
        await(second.stop());
      }
    }
  }

  private static Job job(String name, int completions, int parallelism) {
    return new Job(
        ObjectMeta.named("ns", name),
        new JobSpec(
            parallelism,
            completions,
            null,
            6,
            null,
            null,
            template(),
            null,
            JobSpec.INDEXED,
            false),
        null);
  }

  private static CronJob cronJob(String name) {
    JobSpec spec = new JobSpec(1, 1, null, 6, null, null, template(), null, null, null);
    return new CronJob(
        ObjectMeta.named("ns", name),
        new CronJobSpec(
            "* * * * *", null, null, "Forbid", false, new JobTemplateSpec(null, spec), 2, 1),
        null);
  }

  private static PodTemplateSpec template() {
    return new PodTemplateSpec(
        ObjectMeta.named(null, null).withLabels(Map.of("app", "batch")),
        PodSpec.of(List.of(Container.of("work", "shoal-test/busybox:1")))
            .withRestartPolicy("Never"));
  }

  private static List<Pod> running(LeaderHarness h) throws Exception {
    return h.pods("ns").stream()
        .filter(p -> p.status() != null && "Running".equals(p.status().phase()))
        .toList();
  }

  private static List<Job> jobsOf(LeaderHarness h) throws Exception {
    return await(h.store.list(Job.KIND, "ns")).items().stream().map(Job.class::cast).toList();
  }

  private static List<String> jobNames(LeaderHarness h) throws Exception {
    return new java.util.ArrayList<>(
        jobsOf(h).stream().map(j -> j.metadata().name()).sorted().toList());
  }

  private static Instant lastSchedule(LeaderHarness h) throws Exception {
    CronJob cj = h.get(CronJob.class, CronJob.KIND, "ns", "tick");
    return cj.status() == null ? null : cj.status().lastScheduleTime();
  }

  /** What the node would report when the pod's container exits 0. */
  private static void succeed(LeaderHarness h, Pod pod) {
    h.store.modify(
        ObjectKey.of(pod),
        current -> {
          Pod p = (Pod) current;
          return "Running".equals(p.status().phase())
              ? p.withStatus(p.status().withPhase("Succeeded"))
              : current;
        });
  }

  /**
   * A change that makes the controller look at the cron job now (the clock moved; its timer did
   * not).
   */
  private static void poke(LeaderHarness h, Resource cronJob) throws Exception {
    await(
        h.store.modify(
            ObjectKey.of(cronJob),
            current ->
                current.withMetadata(
                    current
                        .metadata()
                        .withAnnotations(Map.of("test/poke", Long.toString(System.nanoTime()))))));
  }

  /**
   * A clock the test moves forward, that also runs at real speed between moves: the scheduler's
   * debounce and the controllers' timers measure quiet periods on it, so a clock that stood still
   * would never let them fire. It starts one second past a whole minute, so a test of a few seconds
   * stays in one minute.
   */
  static final class MovableClock extends Clock {
    private final Instant start;
    private final long origin = System.nanoTime();
    private final AtomicReference<Duration> moved = new AtomicReference<>(Duration.ZERO);

    MovableClock(Instant start) {
      this.start = start.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(1);
    }

    void advance(Duration by) {
      moved.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
      return start.plus(moved.get()).plusNanos(System.nanoTime() - origin);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
