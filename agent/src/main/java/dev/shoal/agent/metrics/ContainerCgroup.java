package dev.shoal.agent.metrics;

import java.nio.file.Path;

/**
 * The cgroup directories of one container and the files read from them each sample: on v1 {@code
 * cpuacct.usage} (CPU time in ns) in the cpuacct directory, {@code memory.usage_in_bytes} and
 * {@code memory.stat} ({@code total_inactive_file}) in the memory one; on v2 {@code cpu.stat}
 * ({@code usage_usec}), {@code memory.current} and {@code memory.stat} ({@code inactive_file}).
 */
public record ContainerCgroup(int version, Path cpuDir, Path memoryDir) {

  public Path cpuFile() {
    return cpuDir.resolve(version == 1 ? "cpuacct.usage" : "cpu.stat");
  }

  public Path memoryUsageFile() {
    return memoryDir.resolve(version == 1 ? "memory.usage_in_bytes" : "memory.current");
  }

  public Path memoryStatFile() {
    return memoryDir.resolve("memory.stat");
  }

  /** The key of the inactive page cache in {@code memory.stat}, hierarchical on v1. */
  public String inactiveFileKey() {
    return version == 1 ? "total_inactive_file" : "inactive_file";
  }
}
