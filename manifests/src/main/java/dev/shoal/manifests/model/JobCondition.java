package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A condition of a job: Complete, Failed, SuccessCriteriaMet, FailureTarget, Suspended. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobCondition(
    String type,
    String status,
    Instant lastProbeTime,
    Instant lastTransitionTime,
    String reason,
    String message) {

  public static final String COMPLETE = "Complete";
  public static final String FAILED = "Failed";
  public static final String SUCCESS_CRITERIA_MET = "SuccessCriteriaMet";
  public static final String FAILURE_TARGET = "FailureTarget";
  public static final String SUSPENDED = "Suspended";

  public static JobCondition isTrue(String type, String reason, String message, Instant now) {
    return new JobCondition(type, "True", now, now, reason, message);
  }
}
