package dev.shoal.agent.controllers.autoscale;

import dev.shoal.agent.controllers.autoscale.ResourceMetricsSource.ContainerUsage;
import dev.shoal.agent.controllers.autoscale.ResourceMetricsSource.PodUsage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's metrics client step: pod usage reduced to one milli-value per pod for one resource,
 * summed over the pod's containers or taken from one named container (a pod without it is left
 * out).
 */
final class PodMetrics {
  private PodMetrics() {}

  static Map<String, PodMetric> of(List<PodUsage> usage, String resource, String container)
      throws CalculationException {
    if (!"cpu".equals(resource) && !"memory".equals(resource)) {
      throw new CalculationException(
          "unable to get metrics for resource " + resource + ": Shoal samples only cpu and memory");
    }
    if (usage.isEmpty()) {
      throw new CalculationException(
          "unable to get metrics for resource "
              + resource
              + ": no metrics returned from resource metrics API");
    }
    Map<String, PodMetric> metrics = new HashMap<>();
    for (PodUsage pod : usage) {
      long sum = 0;
      boolean found = false;
      for (ContainerUsage c : pod.containers()) {
        if (container != null && !container.isEmpty() && !container.equals(c.name())) {
          continue;
        }
        found = true;
        sum += "cpu".equals(resource) ? c.cpuMillicores() : c.memoryBytes() * 1000;
      }
      if (found) {
        metrics.put(pod.pod(), new PodMetric(sum, pod.timestamp(), pod.window()));
      }
    }
    if (metrics.isEmpty() && container != null && !container.isEmpty()) {
      throw new CalculationException(
          "unable to get metrics for resource "
              + resource
              + ": no container "
              + container
              + " in the pods' metrics");
    }
    return metrics;
  }

  /** The latest sample time, as upstream reports the metrics' timestamp. */
  static java.time.Instant timestamp(List<PodUsage> usage) {
    return usage.stream()
        .map(PodUsage::timestamp)
        .filter(java.util.Objects::nonNull)
        .max(java.util.Comparator.naturalOrder())
        .orElse(null);
  }
}
