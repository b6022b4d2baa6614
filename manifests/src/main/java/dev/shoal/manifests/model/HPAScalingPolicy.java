package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One scaling policy: at most {@code value} pods ({@code Pods}) or percent ({@code Percent}) per
 * {@code periodSeconds}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HPAScalingPolicy(String type, Integer value, Integer periodSeconds) {
  public static final String PODS = "Pods";
  public static final String PERCENT = "Percent";
}
