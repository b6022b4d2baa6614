package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * At most one of {@code minAvailable} and {@code maxUnavailable} (a count or a percentage); which
 * pods; and whether a pod that is not ready may be evicted while the budget is short ({@code
 * IfHealthyBudget}, the behaviour when unset, or {@code AlwaysAllow}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodDisruptionBudgetSpec(
    IntOrString minAvailable,
    LabelSelector selector,
    IntOrString maxUnavailable,
    String unhealthyPodEvictionPolicy) {
  public static final String IF_HEALTHY_BUDGET = "IfHealthyBudget";
  public static final String ALWAYS_ALLOW = "AlwaysAllow";

  /** Whether a pod that is not ready may go whatever the budget says. */
  public boolean alwaysAllowsUnhealthy() {
    return ALWAYS_ALLOW.equals(unhealthyPodEvictionPolicy);
  }
}
