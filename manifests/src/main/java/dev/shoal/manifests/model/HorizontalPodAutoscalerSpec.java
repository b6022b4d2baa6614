package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What an autoscaler scales, between which counts, on which metrics and how fast. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HorizontalPodAutoscalerSpec(
    CrossVersionObjectReference scaleTargetRef,
    Integer minReplicas,
    Integer maxReplicas,
    List<MetricSpec> metrics,
    HorizontalPodAutoscalerBehavior behavior) {

  public int minReplicasOrDefault() {
    return minReplicas == null ? 1 : minReplicas;
  }

  public List<MetricSpec> metricsOrEmpty() {
    return metrics == null ? List.of() : metrics;
  }
}
