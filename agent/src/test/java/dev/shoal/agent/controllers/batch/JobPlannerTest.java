package dev.shoal.agent.controllers.batch;

import static dev.shoal.agent.controllers.batch.BatchObjects.T0;
import static dev.shoal.agent.controllers.batch.BatchObjects.job;
import static dev.shoal.agent.controllers.batch.BatchObjects.pod;
import static dev.shoal.agent.controllers.batch.BatchObjects.spec;
import static dev.shoal.agent.controllers.batch.BatchObjects.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobCondition;
import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The job planner on a fixed clock: what it creates, deletes and reports for given pods. */
class JobPlannerTest {

  private static final Instant NOW = T0.plusSeconds(100);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      fresh job, 3 completions 2 at a time          | 3 | 2 | ''                    | 2 | 2 | 0
      one running, one succeeded: one more          | 3 | 2 | Running,Succeeded     | 1 | 2 | 1
      two succeeded, one running: nothing more      | 3 | 2 | Succeeded,Succeeded,Running | 0 | 1 | 2
      parallelism above what is left                | 3 | 5 | Succeeded             | 2 | 2 | 1
      work queue (no completions): parallelism      | -1 | 3 | ''                   | 3 | 3 | 0
      work queue after a success: no new pods       | -1 | 3 | Succeeded,Running    | 0 | 1 | 1
      """)
  void nonIndexedCounts(
      String name,
      int completions,
      int parallelism,
      String phases,
      int create,
      int active,
      int succeeded) {
    Job job =
        withStatus(job(spec(completions < 0 ? null : completions, parallelism, "NonIndexed")), T0);
    List<Pod> pods = new ArrayList<>();
    String[] list = phases.isEmpty() ? new String[0] : phases.split(",");
    for (int i = 0; i < list.length; i++) {
      pods.add(pod(job, "sq-" + i, -1, list[i], T0.plusSeconds(i)));
    }
    JobPlan plan = JobPlanner.plan(job, pods, NOW, true);
    assertEquals(create, plan.create().size(), name);
    assertEquals(active, plan.status().active(), name);
    assertEquals(succeeded, plan.status().succeeded(), name);
    plan.create().forEach(p -> assertEquals("sq-", p.metadata().generateName()));
  }

  @Test
  void aFreshJobStartsNowAndItsPodsCarryTheTemplateAndAnOwnerReference() {
    JobPlan plan = JobPlanner.plan(job(spec(1, 1, "NonIndexed")), List.of(), NOW, true);
    assertEquals(NOW, plan.status().startTime());
    Pod pod = plan.create().get(0);
    assertEquals("work", pod.metadata().labels().get("app"));
    assertEquals("job-uid", pod.metadata().ownerReferences().get(0).uid());
    assertTrue(pod.metadata().ownerReferences().get(0).isController());
    assertEquals("Never", pod.spec().restartPolicy());
  }

  @Test
  void indexedPodsGetTheirIndexInAnnotationEnvAndHostnameAndANameFromIndexAndAttempt() {
    Job job = withStatus(job(spec(6, 2, "Indexed")), T0);
    List<Pod> pods =
        List.of(pod(job, "sq-0-0", 0, "Succeeded", T0), pod(job, "sq-1-0", 1, "Running", T0));
    JobPlan plan = JobPlanner.plan(job, pods, NOW, true);
    assertEquals(1, plan.create().size());
    Pod created = plan.create().get(0);
    assertEquals("sq-2-0", created.metadata().name());
    assertEquals(
        "2", created.metadata().annotations().get("batch.kubernetes.io/job-completion-index"));
    assertEquals("2", created.metadata().labels().get("batch.kubernetes.io/job-completion-index"));
    assertEquals(
        new EnvVar("JOB_COMPLETION_INDEX", "2"), created.spec().containers().get(0).env().get(0));
    assertEquals("sq-2", created.spec().hostname());
    assertEquals("0", plan.status().completedIndexes());
    assertEquals(1, plan.status().succeeded());
  }

  @Test
  void aFailedIndexIsRetriedUnderTheNextAttemptNameOnceItsBackOffHasPassed() {
    Job job = withStatus(job(spec(2, 2, "Indexed")), T0);
    Instant failedAt = NOW.minusSeconds(4);
    List<Pod> pods =
        List.of(pod(job, "sq-0-0", 0, "Running", T0), pod(job, "sq-1-0", 1, "Failed", failedAt));
    JobPlan waiting = JobPlanner.plan(job, pods, NOW, true);
    assertEquals(List.of(), waiting.create());
    assertEquals(6_001, waiting.recheckAfterMillis(), "10 s after the failure");
    assertEquals(1, waiting.status().failed());
    JobPlan later = JobPlanner.plan(job, pods, failedAt.plusSeconds(10), true);
    assertEquals(List.of("sq-1-1"), later.create().stream().map(p -> p.metadata().name()).toList());
  }

  @ParameterizedTest(name = "{0} failures since the last success wait {1} s")
  @CsvSource({"1, 10", "2, 20", "3, 40", "5, 160", "6, 320", "7, 360", "12, 360"})
  void backOffDoublesFromTenSecondsUpToSixMinutes(int failures, long seconds) {
    Job job = withStatus(job(spec(1, 1, "NonIndexed")).withSpec(spec(1, 1, "NonIndexed")), T0);
    Job lenient =
        job.withSpec(
            new JobSpec(
                1, 1, null, 100, null, null, job.spec().template(), null, "NonIndexed", false));
    List<Pod> pods = new ArrayList<>();
    pods.add(pod(lenient, "ok", -1, "Succeeded", T0.minusSeconds(1000)));
    for (int i = 0; i < failures; i++) {
      pods.add(pod(lenient, "f" + i, -1, "Failed", T0.plusSeconds(i)));
    }
    Counts counts = Counts.of(lenient.spec(), lenient.status(), pods);
    assertEquals(
        T0.plusSeconds(failures - 1).plusSeconds(seconds), JobPlanner.backoffUntil(counts));
  }

  @Test
  void moreFailuresThanTheBackoffLimitFailTheJobAndDeleteWhatRuns() {
    JobSpec spec =
        new JobSpec(
            2,
            3,
            null,
            1,
            null,
            null,
            spec(3, 2, "NonIndexed").template(),
            null,
            "NonIndexed",
            false);
    Job job = withStatus(job(spec), T0);
    List<Pod> pods =
        List.of(
            pod(job, "a", -1, "Failed", T0),
            pod(job, "b", -1, "Failed", T0.plusSeconds(20)),
            pod(job, "c", -1, "Running", T0));
    JobPlan plan = JobPlanner.plan(job, pods, NOW, true);
    assertEquals(List.of("c"), plan.delete().stream().map(p -> p.metadata().name()).toList());
    assertEquals(List.of(), plan.create());
    assertCondition(plan, JobCondition.FAILURE_TARGET, "BackoffLimitExceeded");
    assertCondition(plan, JobCondition.FAILED, "BackoffLimitExceeded");
    assertNull(plan.status().completionTime(), "a failed job has no completionTime");
    assertEquals(2, plan.status().failed());
    assertEquals(0, plan.status().active());
  }

  @Test
  void onFailureCountsContainerRestartsAgainstTheBackoffLimit() {
    JobSpec base = spec(1, 1, "NonIndexed");
    JobSpec spec =
        new JobSpec(
            1,
            1,
            null,
            2,
            null,
            null,
            new dev.shoal.manifests.model.PodTemplateSpec(
                base.template().metadata(), base.template().spec().withRestartPolicy("OnFailure")),
            null,
            "NonIndexed",
            false);
    Job job = withStatus(job(spec), T0);
    Pod one = BatchObjects.restarted(pod(job, "a", -1, "Running", T0), 1);
    assertEquals(List.of(), JobPlanner.plan(job, List.of(one), NOW, true).delete());
    Pod two = BatchObjects.restarted(pod(job, "a", -1, "Running", T0), 2);
    JobPlan plan = JobPlanner.plan(job, List.of(two), NOW, true);
    assertEquals(1, plan.delete().size());
    assertCondition(plan, JobCondition.FAILED, "BackoffLimitExceeded");
  }

  @Test
  void runningPastTheActiveDeadlineFailsTheJob() {
    JobSpec base = spec(3, 1, "NonIndexed");
    JobSpec spec =
        new JobSpec(1, 3, 60L, 6, null, null, base.template(), null, "NonIndexed", false);
    Job job = withStatus(job(spec), T0);
    List<Pod> pods = List.of(pod(job, "a", -1, "Running", T0));
    JobPlan before = JobPlanner.plan(job, pods, T0.plusSeconds(59), true);
    assertEquals(List.of(), before.delete());
    assertEquals(1_001, before.recheckAfterMillis(), "looks again when the deadline passes");
    JobPlan after = JobPlanner.plan(job, pods, T0.plusSeconds(60), true);
    assertEquals(1, after.delete().size());
    assertCondition(after, JobCondition.FAILED, "DeadlineExceeded");
  }

  @Test
  void enoughSuccessesCompleteTheJobWithACompletionTime() {
    Job job = withStatus(job(spec(2, 2, "Indexed")), T0);
    List<Pod> pods =
        List.of(
            pod(job, "sq-0-0", 0, "Succeeded", T0),
            pod(job, "sq-1-1", 1, "Succeeded", T0),
            pod(job, "sq-1-0", 1, "Failed", T0));
    JobPlan plan = JobPlanner.plan(job, pods, NOW, true);
    assertCondition(plan, JobCondition.SUCCESS_CRITERIA_MET, "CompletionsReached");
    assertCondition(plan, JobCondition.COMPLETE, "CompletionsReached");
    assertEquals(NOW, plan.status().completionTime());
    assertEquals("0,1", plan.status().completedIndexes());
    assertEquals(2, plan.status().succeeded());
    assertEquals(1, plan.status().failed());
  }

  @Test
  void aFinishedJobIsDeletedWhenItsTimeToLiveHasPassed() {
    JobSpec base = spec(1, 1, "NonIndexed");
    JobSpec spec = new JobSpec(1, 1, null, 6, null, null, base.template(), 60, "NonIndexed", false);
    Job done =
        job(spec)
            .withStatus(
                new dev.shoal.manifests.model.JobStatus(
                    List.of(
                        JobCondition.isTrue(JobCondition.COMPLETE, "CompletionsReached", "", T0)),
                    T0,
                    T0,
                    0,
                    1,
                    0,
                    null,
                    null,
                    0));
    JobPlan early = JobPlanner.plan(done, List.of(), T0.plusSeconds(30), true);
    assertFalse(early.deleteJob());
    assertEquals(30_001, early.recheckAfterMillis());
    assertTrue(JobPlanner.plan(done, List.of(), T0.plusSeconds(60), true).deleteJob());
  }

  @Test
  void suspendingDeletesRunningPodsAndResumingStartsTheClockAgain() {
    JobSpec spec = spec(3, 2, "NonIndexed").withSuspend(true);
    Job job = withStatus(job(spec), T0);
    List<Pod> pods = List.of(pod(job, "a", -1, "Running", T0), pod(job, "b", -1, "Succeeded", T0));
    JobPlan suspended = JobPlanner.plan(job, pods, NOW, true);
    assertEquals(List.of("a"), suspended.delete().stream().map(p -> p.metadata().name()).toList());
    assertEquals(List.of(), suspended.create());
    assertNull(suspended.status().startTime());
    assertCondition(suspended, JobCondition.SUSPENDED, "JobSuspended");
    Job resumed = job.withSpec(spec.withSuspend(false)).withStatus(suspended.status());
    JobPlan plan = JobPlanner.plan(resumed, List.of(pods.get(1)), NOW.plusSeconds(5), true);
    assertEquals(2, plan.create().size());
    assertEquals(NOW.plusSeconds(5), plan.status().startTime());
    assertEquals("False", plan.status().condition(JobCondition.SUSPENDED).status());
  }

  @Test
  void nothingIsCreatedWhileEarlierCreationsAreUnseen() {
    assertEquals(
        List.of(), JobPlanner.plan(job(spec(3, 2, "NonIndexed")), List.of(), NOW, false).create());
  }

  @Test
  void aSecondPodOfAnIndexIsDeletedKeepingTheOldest() {
    Job job = withStatus(job(spec(2, 2, "Indexed")), T0);
    List<Pod> pods =
        List.of(
            pod(job, "sq-0-0", 0, "Running", T0),
            pod(job, "sq-0-x", 0, "Running", T0.plusSeconds(1)));
    JobPlan plan = JobPlanner.plan(job, pods, NOW, true);
    assertEquals(List.of("sq-0-x"), plan.delete().stream().map(p -> p.metadata().name()).toList());
    assertEquals(List.of("sq-1-0"), plan.create().stream().map(p -> p.metadata().name()).toList());
  }

  /**
   * Property: over random mixes of pod states, an Indexed job never asks for a pod of an index that
   * has a succeeded or an active pod, never runs more than parallelism, and never reuses an
   * existing pod name.
   */
  @Test
  void neverCreatesAPodForAnIndexThatSucceededOrRuns() {
    Random random = new Random(17);
    String[] phases = {"Pending", "Running", "Succeeded", "Failed"};
    for (int round = 0; round < 2_000; round++) {
      int completions = 1 + random.nextInt(8);
      int parallelism = 1 + random.nextInt(4);
      Job job = withStatus(job(spec(completions, parallelism, "Indexed")), T0);
      List<Pod> pods = new ArrayList<>();
      for (int i = random.nextInt(12); i > 0; i--) {
        int index = random.nextInt(completions);
        pods.add(
            pod(
                job,
                "sq-" + index + "-" + i,
                index,
                phases[random.nextInt(4)],
                T0.minusSeconds(1000 + i)));
      }
      JobPlan plan = JobPlanner.plan(job, pods, NOW, true);
      BitSet taken = new BitSet();
      pods.stream()
          .filter(p -> !"Failed".equals(p.status().phase()))
          .forEach(p -> taken.set(JobPods.index(p, completions)));
      for (Pod created : plan.create()) {
        int index = JobPods.index(created, completions);
        assertFalse(taken.get(index), () -> "index " + index + " taken in " + describe(pods));
        taken.set(index);
        assertTrue(
            pods.stream().noneMatch(p -> p.metadata().name().equals(created.metadata().name())));
      }
      long running =
          pods.stream().filter(JobPods::active).filter(p -> !plan.delete().contains(p)).count();
      assertTrue(
          running + plan.create().size() <= parallelism, () -> describe(pods) + " -> " + plan);
    }
  }

  private static String describe(List<Pod> pods) {
    return pods.stream()
        .map(p -> p.metadata().name() + ":" + p.status().phase())
        .collect(Collectors.joining(", "));
  }

  private static void assertCondition(JobPlan plan, String type, String reason) {
    JobCondition c = plan.status().condition(type);
    assertTrue(
        c != null && "True".equals(c.status()), () -> type + " in " + plan.status().conditions());
    assertEquals(reason, c.reason());
  }
}
