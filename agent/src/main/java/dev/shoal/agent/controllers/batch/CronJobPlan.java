package dev.shoal.agent.controllers.batch;

import dev.shoal.manifests.model.CronJobStatus;
import dev.shoal.manifests.model.Job;
import java.time.Instant;
import java.util.List;

/**
 * What one cron job sync should do: the job to create for {@code scheduledTime} (or null), jobs to
 * delete (running ones a Replace policy ends, finished ones past the history limits), the status
 * without the new job (the controller adds it and {@code lastScheduleTime} once the create has
 * landed), what to tell the user (as {@code Reason: message}, upstream's event reasons), and when
 * to look again (the next scheduled time).
 */
public record CronJobPlan(
    Job create,
    Instant scheduledTime,
    List<Job> delete,
    CronJobStatus status,
    List<String> notes,
    long recheckAfterMillis) {}
