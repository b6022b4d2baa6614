package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A condition of an autoscaler: AbleToScale, ScalingActive or ScalingLimited. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HorizontalPodAutoscalerCondition(
    String type, String status, Instant lastTransitionTime, String reason, String message) {
  public static final String ABLE_TO_SCALE = "AbleToScale";
  public static final String SCALING_ACTIVE = "ScalingActive";
  public static final String SCALING_LIMITED = "ScalingLimited";
}
