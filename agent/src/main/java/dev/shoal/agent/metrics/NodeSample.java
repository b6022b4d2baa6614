package dev.shoal.agent.metrics;

import java.util.List;

/**
 * What one node's sampler saw last: the whole host's usage and that of each of its pods (only pods
 * with a rate yet: two readings). This is what nodes share with each other, one per node.
 */
public record NodeSample(
    String node,
    long timestampMillis,
    long windowMillis,
    long cpuNanoCores,
    long memoryBytes,
    List<PodSample> pods) {

  public NodeSample {
    pods = List.copyOf(pods);
  }
}
