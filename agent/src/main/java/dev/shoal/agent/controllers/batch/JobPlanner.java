package dev.shoal.agent.controllers.batch;

import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobCondition;
import dev.shoal.manifests.model.JobSpec;
import dev.shoal.manifests.model.JobStatus;
import dev.shoal.manifests.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The job reconcile as a pure function (kubernetes' pkg/controller/job): from a job, the pods it
 * owns and the time, what to create and delete and the status to write. Level-triggered: counts
 * come from the pods (never lower than the status already recorded), so a new leader that sees the
 * same pods decides the same.
 *
 * <ul>
 *   <li>Success: {@code completions} pods succeeded (Indexed: every index {@code 0..completions-1}
 *       has a succeeded pod; no completions: one succeeded and none runs). SuccessCriteriaMet, then
 *       Complete with a completionTime once no pod runs.
 *   <li>Failure: more failed pods than {@code backoffLimit} (OnFailure: container restarts reaching
 *       it), or running longer than {@code activeDeadlineSeconds}: FailureTarget, running pods
 *       deleted, then Failed.
 *   <li>After a failure a new pod waits 10 s, doubling per failure since the last success, at most
 *       6 min.
 *   <li>{@code suspend}: running pods are deleted, none created; startTime starts again on resume.
 *   <li>{@code ttlSecondsAfterFinished}: the finished job is deleted that long after it finished.
 * </ul>
 */
public final class JobPlanner {
  static final Duration BACKOFF_BASE = Duration.ofSeconds(10);
  static final Duration BACKOFF_CAP = Duration.ofMinutes(6);

  /** At most this many pods created per sync, as Kubernetes' burst. */
  static final int BURST = 500;

  static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
  static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
  static final String COMPLETIONS_REACHED = "CompletionsReached";

  private JobPlanner() {}

  /**
   * @param pods the pods whose controller reference is this job (any phase)
   * @param mayCreate false while earlier creations have not come back through the watch
   */
  public static JobPlan plan(Job job, List<Pod> pods, Instant now, boolean mayCreate) {
    JobSpec spec = job.spec();
    JobStatus old =
        job.status() == null
            ? new JobStatus(null, null, null, null, null, null, null, null, null)
            : job.status();
    Conditions conditions = new Conditions(old.conditions(), now);
    Counts counts = Counts.of(spec, old, pods);
    if (conditions.isTrue(JobCondition.COMPLETE) || conditions.isTrue(JobCondition.FAILED)) {
      return finished(job, old, counts, pods, now);
    }
    List<Pod> delete = new ArrayList<>();
    List<Pod> create = new ArrayList<>();
    Instant startTime = old.startTime();
    long recheck = -1;
    boolean suspended =
        spec.isSuspended()
            && !conditions.isTrue(JobCondition.FAILURE_TARGET)
            && !conditions.isTrue(JobCondition.SUCCESS_CRITERIA_MET);
    if (suspended) {
      delete.addAll(counts.active());
      startTime = null;
      conditions.set(JobCondition.SUSPENDED, "True", "JobSuspended", "Job suspended");
    } else {
      if (conditions.isTrue(JobCondition.SUSPENDED)) {
        conditions.set(JobCondition.SUSPENDED, "False", "JobResumed", "Job resumed");
      }
      startTime = startTime == null ? now : startTime;
      if (!conditions.isTrue(JobCondition.FAILURE_TARGET)
          && !conditions.isTrue(JobCondition.SUCCESS_CRITERIA_MET)) {
        decide(spec, counts, startTime, now, conditions);
      }
      if (conditions.isTrue(JobCondition.FAILURE_TARGET)
          || conditions.isTrue(JobCondition.SUCCESS_CRITERIA_MET)) {
        delete.addAll(counts.active());
      } else {
        Instant due = backoffUntil(counts);
        if (due != null && now.isBefore(due)) {
          recheck = Duration.between(now, due).toMillis() + 1;
        } else if (mayCreate) {
          scale(job, counts, create, delete);
        }
        if (spec.activeDeadlineSeconds() != null) {
          long left =
              Duration.between(now, startTime.plusSeconds(spec.activeDeadlineSeconds())).toMillis()
                  + 1;
          recheck = recheck < 0 ? left : Math.min(recheck, left);
        }
      }
    }
    Instant completionTime = old.completionTime();
    int stillRunning =
        counts.active().size() - (int) counts.active().stream().filter(delete::contains).count();
    if (stillRunning == 0 && create.isEmpty() && counts.terminating() == 0) {
      JobCondition target = conditions.get(JobCondition.FAILURE_TARGET);
      if (target != null && "True".equals(target.status())) {
        conditions.set(JobCondition.FAILED, "True", target.reason(), target.message());
      } else if (conditions.isTrue(JobCondition.SUCCESS_CRITERIA_MET)) {
        conditions.set(
            JobCondition.COMPLETE,
            "True",
            COMPLETIONS_REACHED,
            "Reached expected number of succeeded pods");
        completionTime = now;
      }
    }
    JobStatus status =
        new JobStatus(
            conditions.list(),
            startTime,
            completionTime,
            stillRunning + create.size(),
            counts.succeeded(),
            counts.failed(),
            counts.terminating() + delete.size(),
            spec.isIndexed() ? CompletedIndexes.format(counts.completed()) : null,
            counts.ready(delete));
    if (conditions.isTrue(JobCondition.COMPLETE) || conditions.isTrue(JobCondition.FAILED)) {
      long ttl = ttlLeft(job, status, now);
      return new JobPlan(create, delete, status, ttl == 0, ttl > 0 ? ttl : recheck);
    }
    return new JobPlan(create, delete, status, false, recheck);
  }

  /**
   * Sets SuccessCriteriaMet or FailureTarget when the pods say the job is done one way or the
   * other.
   */
  private static void decide(
      JobSpec spec, Counts counts, Instant startTime, Instant now, Conditions conditions) {
    int backoffLimit = spec.backoffLimitOrDefault();
    boolean onFailure = "OnFailure".equals(spec.template().spec().restartPolicy());
    int restarts = counts.active().stream().mapToInt(JobPods::restarts).sum();
    if (counts.failed() > backoffLimit
        || onFailure && (backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit)) {
      conditions.set(
          JobCondition.FAILURE_TARGET,
          "True",
          BACKOFF_LIMIT_EXCEEDED,
          "Job has reached the specified backoff limit");
    } else if (spec.activeDeadlineSeconds() != null
        && !now.isBefore(startTime.plusSeconds(spec.activeDeadlineSeconds()))) {
      conditions.set(
          JobCondition.FAILURE_TARGET,
          "True",
          DEADLINE_EXCEEDED,
          "Job was active longer than specified deadline");
    } else if (counts.successReached()) {
      conditions.set(
          JobCondition.SUCCESS_CRITERIA_MET,
          "True",
          COMPLETIONS_REACHED,
          "Reached expected number of succeeded pods");
    }
  }

  /** Creates the missing pods and deletes the surplus (parallelism lowered, a doubled index). */
  private static void scale(Job job, Counts counts, List<Pod> create, List<Pod> delete) {
    JobSpec spec = job.spec();
    int parallelism = spec.parallelismOrDefault();
    if (spec.isIndexed()) {
      delete.addAll(counts.duplicates());
      int room =
          Math.min(BURST, parallelism - (counts.active().size() - counts.duplicates().size()));
      for (int index = 0; index < spec.completions() && room > 0; index++) {
        if (!counts.completed().get(index) && !counts.runningIndexes().get(index)) {
          create.add(JobPodTemplate.indexed(job, index, counts.attempts(index)));
          room--;
        }
      }
      if (room < 0) {
        delete.addAll(newestFirst(counts.active(), -room, delete));
      }
      return;
    }
    int wanted =
        spec.completions() == null
            ? (counts.succeeded() > 0 ? counts.active().size() : parallelism)
            : Math.min(parallelism, Math.max(0, spec.completions() - counts.succeeded()));
    int diff = wanted - counts.active().size();
    for (int i = 0; i < Math.min(diff, BURST); i++) {
      create.add(JobPodTemplate.nonIndexed(job));
    }
    if (diff < 0) {
      delete.addAll(newestFirst(counts.active(), -diff, delete));
    }
  }

  private static List<Pod> newestFirst(List<Pod> active, int n, List<Pod> already) {
    return active.stream()
        .filter(p -> !already.contains(p))
        .sorted(
            Comparator.comparing(
                    (Pod p) ->
                        p.metadata().creationTimestamp() == null
                            ? Instant.MAX
                            : p.metadata().creationTimestamp())
                .reversed()
                .thenComparing(p -> p.metadata().name()))
        .limit(n)
        .toList();
  }

  /**
   * When the next pod may start after failures since the last success: 10 s doubling, capped at 6
   * min.
   */
  static Instant backoffUntil(Counts counts) {
    if (counts.failuresSinceSuccess() == 0) {
      return null;
    }
    int shift = Math.min(counts.failuresSinceSuccess() - 1, 30);
    long delay = Math.min(BACKOFF_BASE.toMillis() << shift, BACKOFF_CAP.toMillis());
    return counts.lastFailure().plusMillis(delay);
  }

  /**
   * A finished job keeps its conditions; leftover running pods go; its time to live counts down.
   */
  private static JobPlan finished(
      Job job, JobStatus old, Counts counts, List<Pod> pods, Instant now) {
    List<Pod> delete = new ArrayList<>(counts.active());
    JobStatus status =
        new JobStatus(
            old.conditions(),
            old.startTime(),
            old.completionTime(),
            0,
            counts.succeeded(),
            counts.failed(),
            counts.terminating() + delete.size(),
            job.spec().isIndexed() ? CompletedIndexes.format(counts.completed()) : null,
            0);
    long ttl = ttlLeft(job, status, now);
    return new JobPlan(List.of(), delete, status, ttl == 0, ttl);
  }

  /** Milliseconds until a finished job's time to live ends; 0 when it has; -1 when it has none. */
  private static long ttlLeft(Job job, JobStatus status, Instant now) {
    Integer ttl = job.spec().ttlSecondsAfterFinished();
    if (ttl == null) {
      return -1;
    }
    Instant finished = status.completionTime();
    if (finished == null) {
      JobCondition failed = status.condition(JobCondition.FAILED);
      finished =
          failed != null && failed.lastTransitionTime() != null ? failed.lastTransitionTime() : now;
    }
    long left = Duration.between(now, finished.plusSeconds(ttl)).toMillis();
    return left <= 0 ? 0 : left + 1;
  }
}
