package dev.shoal.agent.metrics;

/**
 * One read of a cgroup (or of the whole host): the CPU time used since it began, a counter, and the
 * memory working set at that moment (usage less inactive page cache, which the kernel can drop
 * first: what Kubernetes' metrics and OOM decisions count).
 */
public record Reading(long cpuNanos, long workingSetBytes) {}
