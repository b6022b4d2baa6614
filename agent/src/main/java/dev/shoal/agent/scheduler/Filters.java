package dev.shoal.agent.scheduler;

import dev.shoal.manifests.model.Taint;
import java.util.ArrayList;
import java.util.List;

/** The standard feasibility checks, in the order the scheduler runs them. */
public final class Filters {

  private Filters() {}

  /**
   * Ready, schedulable, no untolerated taint, selector, volumes' nodes, pod count, resources, host
   * ports.
   */
  public static List<Filter> standard() {
    return List.of(
        NODE_READY,
        NODE_UNSCHEDULABLE,
        TAINTS,
        NODE_SELECTOR,
        VOLUME_NODE_AFFINITY,
        POD_COUNT,
        RESOURCES,
        HOST_PORTS);
  }

  /** A node the pod's bound (or selected) volumes cannot be reached from. */
  public static final Filter VOLUME_NODE_AFFINITY =
      simple(
          "VolumeBinding",
          "node(s) had volume node affinity conflict",
          (pod, node) -> pod.volumesFit(node.name(), node.labels()));

  public static final Filter NODE_READY =
      simple("NodeReady", "node(s) were not ready", (pod, node) -> node.ready());

  /** A cordoned node, unless the pod tolerates {@code node.kubernetes.io/unschedulable}. */
  public static final Filter NODE_UNSCHEDULABLE =
      simple(
          "NodeUnschedulable",
          "node(s) were unschedulable",
          (pod, node) -> !node.unschedulable() || pod.tolerates(Filters.UNSCHEDULABLE_TAINT));

  private static final Taint UNSCHEDULABLE_TAINT =
      new Taint("node.kubernetes.io/unschedulable", null, "NoSchedule", null);

  public static final Filter TAINTS =
      new Filter() {
        @Override
        public String name() {
          return "TaintToleration";
        }

        @Override
        public List<String> reject(PodRequest pod, NodeUsage node) {
          Taint t = untolerated(pod, node.noScheduleTaints());
          if (t == null) {
            return List.of();
          }
          return List.of(
              "node(s) had untolerated taint {"
                  + t.key()
                  + ": "
                  + (t.value() == null ? "" : t.value())
                  + "}");
        }
      };

  public static final Filter NODE_SELECTOR =
      simple(
          "NodeSelector",
          "node(s) didn't match Pod's node affinity/selector",
          (pod, node) ->
              pod.selectorMatches(node.labels())
                  && pod.affinityMatches(node.name(), node.labels()));

  public static final Filter POD_COUNT =
      simple(
          "PodCount",
          "Too many pods",
          (pod, node) -> node.podCount() + 1 <= node.allocatablePods());

  public static final Filter RESOURCES =
      new Filter() {
        @Override
        public String name() {
          return "NodeResourcesFit";
        }

        @Override
        public List<String> reject(PodRequest pod, NodeUsage node) {
          boolean cpu =
              pod.milliCpu() > 0
                  && node.allocatableMilliCpu() != NodeUsage.UNLIMITED
                  && node.requestedMilliCpu() + pod.milliCpu() > node.allocatableMilliCpu();
          boolean memory =
              pod.memoryBytes() > 0
                  && node.allocatableMemory() != NodeUsage.UNLIMITED
                  && node.requestedMemory() + pod.memoryBytes() > node.allocatableMemory();
          if (!cpu && !memory) {
            return List.of();
          }
          List<String> reasons = new ArrayList<>(2);
          if (cpu) {
            reasons.add("Insufficient cpu");
          }
          if (memory) {
            reasons.add("Insufficient memory");
          }
          return reasons;
        }
      };

  public static final Filter HOST_PORTS =
      simple(
          "NodePorts",
          "node(s) didn't have free ports for the requested pod ports",
          (pod, node) -> {
            if (pod.hostPorts().isEmpty()) {
              return true;
            }
            for (String port : pod.hostPorts()) {
              if (node.hostPortInUse(port)) {
                return false;
              }
            }
            return true;
          });

  /** The first of the taints the pod does not tolerate, or null. */
  static Taint untolerated(PodRequest pod, List<Taint> taints) {
    for (Taint t : taints) {
      if (!pod.tolerates(t)) {
        return t;
      }
    }
    return null;
  }

  private interface Check {
    boolean fits(PodRequest pod, NodeUsage node);
  }

  private static Filter simple(String name, String reason, Check check) {
    List<String> reasons = List.of(reason);
    return new Filter() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<String> reject(PodRequest pod, NodeUsage node) {
        return check.fits(pod, node) ? List.of() : reasons;
      }
    };
  }
}
