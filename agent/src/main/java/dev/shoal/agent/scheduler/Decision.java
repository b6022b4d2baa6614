package dev.shoal.agent.scheduler;

/** What placement decided for one pod. */
public sealed interface Decision {

  /** Run it on {@code node}; {@code examined} nodes were looked at to choose it. */
  record Bind(NodeUsage node, int examined) implements Decision {}

  /**
   * No node fits; {@code message} says why, e.g. {@code 0/3 nodes are available: 3 Insufficient
   * memory.}
   */
  record Unschedulable(String message) implements Decision {}
}
