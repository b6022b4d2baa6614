package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The jobs of a cron job still running, when it last scheduled one, and when one last succeeded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronJobStatus(
    List<ObjectReference> active, Instant lastScheduleTime, Instant lastSuccessfulTime) {}
