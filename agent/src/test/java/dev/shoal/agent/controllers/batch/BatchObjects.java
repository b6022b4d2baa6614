package dev.shoal.agent.controllers.batch;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerState;
import dev.shoal.manifests.model.ContainerStateTerminated;
import dev.shoal.manifests.model.ContainerStatus;
import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.CronJobSpec;
import dev.shoal.manifests.model.CronJobStatus;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobCondition;
import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.JobStatus;
import dev.shoal.manifests.model.JobTemplateSpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.PodTemplateSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jobs, cron jobs and their pods for the planner tests, at fixed times. */
final class BatchObjects {
  static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

  private BatchObjects() {}

  static JobSpec spec(Integer completions, Integer parallelism, String mode) {
    PodTemplateSpec template =
        new PodTemplateSpec(
            ObjectMeta.named(null, null).withLabels(Map.of("app", "work")),
            PodSpec.of(List.of(Container.of("work", "shoal-test/busybox:1")))
                .withRestartPolicy("Never"));
    return new JobSpec(parallelism, completions, null, 6, null, null, template, null, mode, false);
  }

  static Job job(JobSpec spec) {
    return new Job(
        ObjectMeta.named("ns", "sq").withUid("job-uid").withCreationTimestamp(T0), spec, null);
  }

  static Job withStatus(Job job, Instant start, JobCondition... conditions) {
    return job.withStatus(
        new JobStatus(
            conditions.length == 0 ? null : List.of(conditions),
            start,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
  }

  /** A pod of the job in a phase; {@code index} -1 for a NonIndexed pod; finished {@code at}. */
  static Pod pod(Job job, String name, int index, String phase, Instant at) {
    Pod pod = index < 0 ? JobPodTemplate.nonIndexed(job) : JobPodTemplate.indexed(job, index, 0);
    ObjectMeta meta =
        pod.metadata().withName(name).withUid(name + "-uid").withCreationTimestamp(at);
    List<ContainerStatus> statuses = null;
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      ContainerStateTerminated done =
          new ContainerStateTerminated(
              "Succeeded".equals(phase) ? 0 : 1, null, null, null, at, at, null);
      statuses =
          List.of(
              new ContainerStatus(
                  "work",
                  false,
                  0,
                  null,
                  null,
                  null,
                  false,
                  new ContainerState(null, null, done),
                  null));
    }
    PodStatus status = new PodStatus(phase, null, null, null, null, null, at, null, statuses);
    return new Pod(meta, pod.spec(), status);
  }

  static Pod restarted(Pod pod, int restarts) {
    PodStatus s = pod.status();
    return new Pod(
        pod.metadata(),
        pod.spec(),
        new PodStatus(
            s.phase(),
            s.conditions(),
            s.message(),
            s.reason(),
            s.hostIP(),
            s.podIP(),
            s.startTime(),
            null,
            List.of(
                new ContainerStatus("work", true, restarts, null, null, null, true, null, null))));
  }

  static CronJob cronJob(String schedule, String policy, Long deadline, Instant lastSchedule) {
    JobTemplateSpec template =
        new JobTemplateSpec(
            ObjectMeta.named(null, null).withLabels(Map.of("cron", "tick")),
            spec(1, 1, "NonIndexed"));
    CronJobSpec spec = new CronJobSpec(schedule, null, deadline, policy, false, template, 3, 1);
    return new CronJob(
        ObjectMeta.named("ns", "tick")
            .withUid("cron-uid")
            .withCreationTimestamp(T0.minusSeconds(3600)),
        spec,
        new CronJobStatus(null, lastSchedule, null));
  }

  /** A job of the cron job, created {@code at}, finished as {@code condition} (null: running). */
  static Job cronJobsJob(CronJob cronJob, String name, Instant at, String condition) {
    ObjectMeta meta =
        ObjectMeta.named("ns", name)
            .withUid(name + "-uid")
            .withCreationTimestamp(at)
            .withOwnerReferences(List.of(PodFacts.controllerRef(cronJob)));
    List<JobCondition> conditions = new ArrayList<>();
    Instant completion = null;
    if (condition != null) {
      conditions.add(JobCondition.isTrue(condition, "x", "x", at.plusSeconds(5)));
      completion = JobCondition.COMPLETE.equals(condition) ? at.plusSeconds(5) : null;
    }
    return new Job(
        meta,
        cronJob.spec().jobTemplate().spec(),
        new JobStatus(
            conditions.isEmpty() ? null : conditions,
            at,
            completion,
            null,
            null,
            null,
            null,
            null,
            null));
  }
}
