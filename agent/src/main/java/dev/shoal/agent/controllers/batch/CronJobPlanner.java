package dev.shoal.agent.controllers.batch;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.CronJobSpec;
import dev.shoal.manifests.model.CronJobStatus;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.JobCondition;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.schedule.CronSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cron job reconcile as a pure function (kubernetes' cronjob_controllerv2): from a cron job,
 * the jobs it owns and the time, which job to start and which to delete.
 *
 * <ul>
 *   <li>Only the most recent scheduled time not yet run (after {@code lastScheduleTime}, or the
 *       creation) is started: after a leader change or a whole-cluster restart there is at most one
 *       catch-up run, never a burst; more than 100 missed times is reported (TooManyMissedTimes),
 *       as upstream.
 *   <li>{@code startingDeadlineSeconds}: a time missed by more than that is not started
 *       (MissSchedule).
 *   <li>{@code concurrencyPolicy}: Allow starts beside running jobs, Forbid skips while one runs
 *       (the run starts if it is still within its deadline when the running one ends), Replace
 *       deletes the running ones.
 *   <li>Finished jobs beyond {@code successfulJobsHistoryLimit} / {@code failedJobsHistoryLimit}
 *       are deleted, oldest first.
 * </ul>
 *
 * The job for time {@code t} is named {@code <cronjob>-<t in minutes since the epoch>}, so a second
 * leader that starts the same run is refused by the store.
 */
public final class CronJobPlanner {
  static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
  static final int TOO_MANY_MISSED = 100;

  /** Looking again a little after a scheduled time, so the clock has surely passed it. */
  static final long RECHECK_SLACK_MILLIS = 100;

  private CronJobPlanner() {}

  /**
   * @param jobs the jobs whose controller reference is this cron job
   */
  public static CronJobPlan plan(
      CronJob cronJob, List<Job> jobs, CronSchedule schedule, ZoneId zone, Instant now) {
    CronJobSpec spec = cronJob.spec();
    CronJobStatus old =
        cronJob.status() == null ? new CronJobStatus(null, null, null) : cronJob.status();
    List<Job> running = new ArrayList<>();
    List<Job> succeeded = new ArrayList<>();
    List<Job> failed = new ArrayList<>();
    Instant lastSuccess = old.lastSuccessfulTime();
    for (Job job : jobs) {
      if (job.status() != null && job.status().hasTrue(JobCondition.COMPLETE)) {
        succeeded.add(job);
        Instant done = job.status().completionTime();
        if (done != null && (lastSuccess == null || done.isAfter(lastSuccess))) {
          lastSuccess = done;
        }
      } else if (job.status() != null && job.status().hasTrue(JobCondition.FAILED)) {
        failed.add(job);
      } else if (!PodFacts.isDeleting(job)) {
        running.add(job);
      }
    }
    List<Job> delete = new ArrayList<>();
    delete.addAll(beyondLimit(succeeded, spec.successfulJobsHistoryLimitOrDefault()));
    delete.addAll(beyondLimit(failed, spec.failedJobsHistoryLimitOrDefault()));
    List<String> notes = new ArrayList<>();
    Job create = null;
    Instant scheduled = null;
    long recheck = -1;
    if (!spec.isSuspended() && !PodFacts.isDeleting(cronJob)) {
      Instant earliest =
          old.lastScheduleTime() != null
              ? old.lastScheduleTime()
              : cronJob.metadata().creationTimestamp() != null
                  ? cronJob.metadata().creationTimestamp()
                  : now;
      if (spec.startingDeadlineSeconds() != null) {
        Instant deadline = now.minusSeconds(spec.startingDeadlineSeconds());
        earliest = deadline.isAfter(earliest) ? deadline : earliest;
      }
      Missed missed = mostRecent(schedule, zone, earliest, now);
      if (missed.count() > TOO_MANY_MISSED) {
        notes.add(
            "TooManyMissedTimes: too many missed start times: "
                + missed.count()
                + ". Set or decrease .spec.startingDeadlineSeconds or check clock skew");
      }
      Instant t = missed.mostRecent();
      if (t != null && !t.equals(old.lastScheduleTime())) {
        String name = jobName(cronJob, t);
        boolean exists = jobs.stream().anyMatch(j -> name.equals(j.metadata().name()));
        if (spec.startingDeadlineSeconds() != null
            && t.plusSeconds(spec.startingDeadlineSeconds()).isBefore(now)) {
          notes.add("MissSchedule: Missed scheduled time to start a job: " + t);
        } else if (exists) {
          scheduled = t; // made by an earlier leader whose status write was lost: record it
        } else if (CronJobSpec.FORBID.equals(spec.concurrencyPolicyOrDefault())
            && !running.isEmpty()) {
          notes.add(
              "JobAlreadyActive: Not starting job because prior execution is running and concurrency "
                  + "policy is Forbid");
        } else {
          if (CronJobSpec.REPLACE.equals(spec.concurrencyPolicyOrDefault())) {
            delete.addAll(running);
            running.clear();
          }
          create = job(cronJob, name, t, zone);
          scheduled = t;
        }
      }
      Optional<Instant> next = schedule.next(now, zone);
      if (next.isPresent()) {
        recheck = Duration.between(now, next.get()).toMillis() + RECHECK_SLACK_MILLIS;
      }
    }
    List<ObjectReference> active =
        running.stream()
            .filter(j -> !delete.contains(j))
            .sorted(Comparator.comparing(j -> j.metadata().name()))
            .map(ObjectReference::to)
            .map(CronJobPlanner::withoutVersion)
            .toList();
    CronJobStatus status =
        new CronJobStatus(active.isEmpty() ? null : active, old.lastScheduleTime(), lastSuccess);
    return new CronJobPlan(create, scheduled, delete, status, notes, recheck);
  }

  /** {@code <cronjob>-<scheduled time in minutes since the epoch>}, as upstream. */
  public static String jobName(CronJob cronJob, Instant scheduled) {
    return cronJob.metadata().name() + "-" + scheduled.getEpochSecond() / 60;
  }

  /** The most recent scheduled time in {@code (earliest, now]} and about how many there were. */
  record Missed(Instant mostRecent, long count) {}

  static Missed mostRecent(CronSchedule schedule, ZoneId zone, Instant earliest, Instant now) {
    Optional<Instant> first = schedule.next(earliest, zone);
    if (first.isEmpty() || first.get().isAfter(now)) {
      return new Missed(null, 0);
    }
    Optional<Instant> second = schedule.next(first.get(), zone);
    if (second.isEmpty() || second.get().isAfter(now)) {
      return new Missed(first.get(), 1);
    }
    Duration between = Duration.between(first.get(), second.get());
    long count =
        Duration.between(first.get(), now).toMillis() / Math.max(1, between.toMillis()) + 1;
    // Walk only the last stretch: from a window before now, widening it until a time falls inside.
    Instant latest = null;
    for (Duration window = between.multipliedBy(2);
        latest == null;
        window = window.multipliedBy(2)) {
      Instant from =
          now.minus(window).isAfter(first.get()) ? now.minus(window) : first.get().minusMillis(1);
      for (Optional<Instant> t = schedule.next(from, zone);
          t.isPresent() && !t.get().isAfter(now);
          t = schedule.next(t.get(), zone)) {
        latest = t.get();
      }
      if (!from.isAfter(first.get())) {
        break;
      }
    }
    return new Missed(latest == null ? first.get() : latest, count);
  }

  private static Job job(CronJob cronJob, String name, Instant scheduled, ZoneId zone) {
    ObjectMeta template = cronJob.spec().jobTemplate().metadata();
    Map<String, String> annotations =
        new LinkedHashMap<>(
            template == null || template.annotations() == null ? Map.of() : template.annotations());
    annotations.put(
        SCHEDULED_TIMESTAMP, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(scheduled.atZone(zone)));
    ObjectMeta meta =
        new ObjectMeta(
            name,
            null,
            cronJob.metadata().namespace(),
            template == null ? null : template.labels(),
            annotations,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(PodFacts.controllerRef(cronJob)),
            null);
    return new Job(meta, cronJob.spec().jobTemplate().spec(), null);
  }

  /** Finished jobs past the limit, oldest first (by start, then creation, then name). */
  private static List<Job> beyondLimit(List<Job> finished, int limit) {
    if (finished.size() <= limit) {
      return List.of();
    }
    List<Job> oldestFirst = new ArrayList<>(finished);
    oldestFirst.sort(
        Comparator.comparing((Job j) -> started(j)).thenComparing(j -> j.metadata().name()));
    return List.copyOf(oldestFirst.subList(0, finished.size() - limit));
  }

  private static Instant started(Job job) {
    if (job.status() != null && job.status().startTime() != null) {
      return job.status().startTime();
    }
    return job.metadata().creationTimestamp() == null
        ? Instant.EPOCH
        : job.metadata().creationTimestamp();
  }

  private static ObjectReference withoutVersion(ObjectReference ref) {
    return new ObjectReference(
        ref.kind(), ref.namespace(), ref.name(), ref.uid(), ref.apiVersion(), null);
  }
}
