package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * When a cron job runs ({@code schedule} in cron's five fields, read in {@code timeZone}), what it
 * runs ({@code jobTemplate}), what it does when a run is still going ({@code concurrencyPolicy}),
 * how late a run may start ({@code startingDeadlineSeconds}) and how many finished jobs it keeps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CronJobSpec(
    String schedule,
    String timeZone,
    Long startingDeadlineSeconds,
    String concurrencyPolicy,
    Boolean suspend,
    JobTemplateSpec jobTemplate,
    Integer successfulJobsHistoryLimit,
    Integer failedJobsHistoryLimit) {

  public static final String ALLOW = "Allow";
  public static final String FORBID = "Forbid";
  public static final String REPLACE = "Replace";
  public static final int DEFAULT_SUCCESSFUL_HISTORY = 3;
  public static final int DEFAULT_FAILED_HISTORY = 1;

  @JsonIgnore
  public boolean isSuspended() {
    return Boolean.TRUE.equals(suspend);
  }

  public String concurrencyPolicyOrDefault() {
    return concurrencyPolicy == null ? ALLOW : concurrencyPolicy;
  }

  public int successfulJobsHistoryLimitOrDefault() {
    return successfulJobsHistoryLimit == null
        ? DEFAULT_SUCCESSFUL_HISTORY
        : successfulJobsHistoryLimit;
  }

  public int failedJobsHistoryLimitOrDefault() {
    return failedJobsHistoryLimit == null ? DEFAULT_FAILED_HISTORY : failedJobsHistoryLimit;
  }

  public CronJobSpec withSuspend(Boolean value) {
    return new CronJobSpec(
        schedule,
        timeZone,
        startingDeadlineSeconds,
        concurrencyPolicy,
        value,
        jobTemplate,
        successfulJobsHistoryLimit,
        failedJobsHistoryLimit);
  }
}
