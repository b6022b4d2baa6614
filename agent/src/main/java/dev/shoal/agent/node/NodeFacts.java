package dev.shoal.agent.node;

import java.lang.management.ManagementFactory;

/**
 * What this host offers, as the Node object reports it.
 *
 * @param nodeName the node's name (the agent's {@code nodeName})
 * @param internalIp the address other hosts reach it on
 * @param cpuCores processors the OS gives this JVM
 * @param memoryBytes physical memory of the host
 * @param maxPods pods the node accepts (Kubernetes' default 110)
 */
public record NodeFacts(
    String nodeName, String internalIp, int cpuCores, long memoryBytes, int maxPods) {

  public static final int DEFAULT_MAX_PODS = 110;

  /** Reads cores and memory from the operating system. */
  public static NodeFacts detect(String nodeName, String internalIp) {
    long memory = Runtime.getRuntime().maxMemory();
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    return new NodeFacts(
        nodeName, internalIp, Runtime.getRuntime().availableProcessors(), memory, DEFAULT_MAX_PODS);
  }
}
