package dev.shoal.agent.metrics;

import java.util.List;

/**
 * One pod's usage at {@code timestampMillis} (epoch ms of the newest reading), the CPU rate over
 * {@code windowMillis}, per container of its spec that runs (not the sandbox).
 */
public record PodSample(
    String namespace,
    String name,
    long timestampMillis,
    long windowMillis,
    List<ContainerUsage> containers) {

  public PodSample {
    containers = List.copyOf(containers);
  }

  public long cpuNanoCores() {
    return containers.stream().mapToLong(ContainerUsage::cpuNanoCores).sum();
  }

  public long memoryBytes() {
    return containers.stream().mapToLong(ContainerUsage::memoryBytes).sum();
  }
}
