package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the disruption controller last computed, with Kubernetes' field names. {@code disruptedPods}
 * holds the pods the Eviction API let go, with the time it did, until the controller sees them
 * deleted (or two minutes pass): they no longer count as healthy.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodDisruptionBudgetStatus(
    Long observedGeneration,
    Map<String, Instant> disruptedPods,
    Integer disruptionsAllowed,
    Integer currentHealthy,
    Integer desiredHealthy,
    Integer expectedPods,
    List<Condition> conditions) {

  public int disruptionsAllowedOrZero() {
    return disruptionsAllowed == null ? 0 : disruptionsAllowed;
  }

  public int currentHealthyOrZero() {
    return currentHealthy == null ? 0 : currentHealthy;
  }

  public int desiredHealthyOrZero() {
    return desiredHealthy == null ? 0 : desiredHealthy;
  }

  public long observedGenerationOrZero() {
    return observedGeneration == null ? 0 : observedGeneration;
  }

  public Map<String, Instant> disruptedPodsOrEmpty() {
    return disruptedPods == null ? Map.of() : disruptedPods;
  }

  public List<Condition> conditionsOrEmpty() {
    return conditions == null ? List.of() : conditions;
  }
}
