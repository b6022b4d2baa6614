package dev.shoal.agent.scheduler;

/**
 * Ranks a feasible node for a pod: higher is better. Scorers are compared in order (the second only
 * breaks ties of the first), as in swarmkit's node ordering.
 */
public interface Scorer {

  double score(PodRequest pod, NodeUsage node);

  /**
   * Fewer PreferNoSchedule taints the pod does not tolerate first (Kubernetes' TaintToleration
   * score): such a node is used only when no better one fits.
   */
  Scorer TAINT_TOLERATION =
      (pod, node) -> {
        int untolerated = 0;
        for (var taint : node.preferNoScheduleTaints()) {
          if (!pod.tolerates(taint)) {
            untolerated++;
          }
        }
        return -untolerated;
      };

  /** Fewer pods of the same controller on the node first, so replicas spread. */
  Scorer SPREAD = (pod, node) -> -node.podsOfOwner(pod.ownerUid());

  /**
   * Most free cpu and memory after placement, as a fraction of allocatable (Kubernetes'
   * LeastAllocated).
   */
  Scorer LEAST_REQUESTED =
      (pod, node) ->
          (free(node.scoringMilliCpu() + pod.scoringMilliCpu(), node.allocatableMilliCpu())
                  + free(node.scoringMemory() + pod.scoringMemory(), node.allocatableMemory()))
              / 2;

  /** Fewest pods: breaks ties between nodes that publish no allocatable resources. */
  Scorer FEWEST_PODS = (pod, node) -> -node.podCount();

  private static double free(long requested, long allocatable) {
    if (allocatable == NodeUsage.UNLIMITED || allocatable <= 0) {
      return allocatable <= 0 ? 0 : 1;
    }
    return Math.max(0, (double) (allocatable - requested) / allocatable);
  }
}
