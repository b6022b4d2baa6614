package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a job runs and when it is done: how many pods at once ({@code parallelism}), how many must
 * succeed ({@code completions}), whether each gets an index ({@code completionMode}), and its
 * limits.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSpec(
    Integer parallelism,
    Integer completions,
    Long activeDeadlineSeconds,
    Integer backoffLimit,
    LabelSelector selector,
    Boolean manualSelector,
    PodTemplateSpec template,
    Integer ttlSecondsAfterFinished,
    String completionMode,
    Boolean suspend) {

  public static final String NON_INDEXED = "NonIndexed";
  public static final String INDEXED = "Indexed";

  /** Kubernetes' default backoffLimit. */
  public static final int DEFAULT_BACKOFF_LIMIT = 6;

  public JobSpec withSelector(LabelSelector value) {
    return new JobSpec(
        parallelism,
        completions,
        activeDeadlineSeconds,
        backoffLimit,
        value,
        manualSelector,
        template,
        ttlSecondsAfterFinished,
        completionMode,
        suspend);
  }

  public JobSpec withTemplate(PodTemplateSpec value) {
    return new JobSpec(
        parallelism,
        completions,
        activeDeadlineSeconds,
        backoffLimit,
        selector,
        manualSelector,
        value,
        ttlSecondsAfterFinished,
        completionMode,
        suspend);
  }

  public JobSpec withSuspend(Boolean value) {
    return new JobSpec(
        parallelism,
        completions,
        activeDeadlineSeconds,
        backoffLimit,
        selector,
        manualSelector,
        template,
        ttlSecondsAfterFinished,
        completionMode,
        value);
  }

  @JsonIgnore
  public boolean isIndexed() {
    return INDEXED.equals(completionMode);
  }

  @JsonIgnore
  public boolean isSuspended() {
    return Boolean.TRUE.equals(suspend);
  }

  /** An absent parallelism means 1. */
  public int parallelismOrDefault() {
    return parallelism == null ? 1 : parallelism;
  }

  public int backoffLimitOrDefault() {
    return backoffLimit == null ? DEFAULT_BACKOFF_LIMIT : backoffLimit;
  }
}
