package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How one direction scales: the stabilization window, the policies that cap a step per period, and
 * which policy wins ({@code Max}, {@code Min} or {@code Disabled}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HPAScalingRules(
    Integer stabilizationWindowSeconds, String selectPolicy, List<HPAScalingPolicy> policies) {
  public static final String MAX = "Max";
  public static final String MIN = "Min";
  public static final String DISABLED = "Disabled";
}
