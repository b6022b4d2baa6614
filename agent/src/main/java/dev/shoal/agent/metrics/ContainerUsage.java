package dev.shoal.agent.metrics;

/** One container's usage: CPU in nanocores over the window, memory working set in bytes. */
public record ContainerUsage(String name, long cpuNanoCores, long memoryBytes) {}
