package dev.shoal.agent.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure placement, nomad's feasibility-then-rank: every filter must accept a node, the scorers then
 * order the feasible ones (ties broken by node name, so the result is deterministic). Refusals are
 * counted per reason for the explanation. No I/O and no state of its own.
 */
public final class Placement {

  private final Filter[] filters;
  private final Scorer[] scorers;

  public Placement(List<Filter> filters, List<Scorer> scorers) {
    this.filters = filters.toArray(Filter[]::new);
    this.scorers = scorers.toArray(Scorer[]::new);
  }

  public static Placement standard() {
    return new Placement(
        Filters.standard(),
        List.of(
            Scorer.TAINT_TOLERATION, Scorer.SPREAD, Scorer.LEAST_REQUESTED, Scorer.FEWEST_PODS));
  }

  /** Places against every node (no sampling); for tests and small clusters. */
  public Decision place(PodRequest pod, Collection<NodeUsage> nodes) {
    return place(pod, List.copyOf(nodes), 0, nodes.size());
  }

  /**
   * Kubernetes' adaptive share of nodes to find feasible before choosing
   * (percentageOfNodesToScore): all of them up to 100 nodes, then {@code max(5, 50 - nodes/125)}
   * percent but at least 100.
   */
  public static int feasibleNodesToFind(int nodeCount) {
    if (nodeCount <= 100) {
      return nodeCount;
    }
    int percent = Math.max(5, 50 - nodeCount / 125);
    return Math.max(100, nodeCount * percent / 100);
  }

  /**
   * Examines nodes from {@code start} round the list, stops once {@code enough} feasible nodes are
   * found, and picks the best of those. An unschedulable answer has examined every node.
   */
  public Decision place(PodRequest pod, List<NodeUsage> nodes, int start, int enough) {
    NodeUsage best = null;
    double[] bestScores = new double[scorers.length];
    double[] scores = new double[scorers.length];
    Map<String, Integer> reasons = null;
    int n = nodes.size();
    int feasible = 0;
    int examined = 0;
    for (; examined < n && feasible < enough; examined++) {
      NodeUsage node = nodes.get((start + examined) % n);
      List<String> refused = refuse(pod, node);
      if (!refused.isEmpty()) {
        if (reasons == null) {
          reasons = new TreeMap<>();
        }
        for (String reason : refused) {
          reasons.merge(reason, 1, Integer::sum);
        }
        continue;
      }
      feasible++;
      for (int i = 0; i < scores.length; i++) {
        scores[i] = scorers[i].score(pod, node);
      }
      if (best == null || better(scores, bestScores, node, best)) {
        best = node;
        System.arraycopy(scores, 0, bestScores, 0, scores.length);
      }
    }
    if (best != null) {
      return new Decision.Bind(best, examined);
    }
    return new Decision.Unschedulable(explain(nodes.size(), reasons == null ? Map.of() : reasons));
  }

  /** The reasons the first refusing filter gives, or an empty list when the node fits. */
  public List<String> refuse(PodRequest pod, NodeUsage node) {
    for (Filter filter : filters) {
      List<String> reasons = filter.reject(pod, node);
      if (!reasons.isEmpty()) {
        return reasons;
      }
    }
    return List.of();
  }

  /** Kubernetes' wording: {@code 0/3 nodes are available: 1 Insufficient cpu, 2 Too many pods.} */
  static String explain(int nodeCount, Map<String, Integer> reasons) {
    if (nodeCount == 0) {
      return "0/0 nodes are available: no nodes registered.";
    }
    List<String> parts = new ArrayList<>();
    reasons.forEach((reason, count) -> parts.add(count + " " + reason));
    parts.sort(null);
    return "0/" + nodeCount + " nodes are available: " + String.join(", ", parts) + ".";
  }

  private static boolean better(
      double[] scores, double[] bestScores, NodeUsage node, NodeUsage best) {
    for (int i = 0; i < scores.length; i++) {
      int c = Double.compare(scores[i], bestScores[i]);
      if (c != 0) {
        return c > 0;
      }
    }
    return node.name().compareTo(best.name()) < 0;
  }
}
