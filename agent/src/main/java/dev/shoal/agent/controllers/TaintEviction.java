package dev.shoal.agent.controllers;

import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Taint;
import dev.shoal.manifests.model.Toleration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a pod must leave a node for the node's NoExecute taints, as upstream's taint manager reads
 * it: at once when one of them is not tolerated; when all are, after the shortest {@code
 * tolerationSeconds} of the tolerations used (zero or less: at once), counted from when the
 * earliest of the taints was added; never when none of those tolerations bounds the time. Pure.
 */
public final class TaintEviction {

  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  public static final String NOT_READY = "node.kubernetes.io/not-ready";

  private TaintEviction() {}

  /** The node's NoExecute taints. */
  public static List<Taint> noExecute(Node node) {
    if (node == null || node.spec() == null || node.spec().taints() == null) {
      return List.of();
    }
    return node.spec().taints().stream().filter(t -> "NoExecute".equals(t.effect())).toList();
  }

  /** When {@code pod} is to be evicted for {@code taints}; empty: it may stay. */
  public static Optional<Instant> evictAt(Pod pod, List<Taint> taints, Instant now) {
    if (taints.isEmpty()) {
      return Optional.empty();
    }
    List<Toleration> tolerations = pod.spec().tolerationsOrEmpty();
    Long minSeconds = null;
    Instant since = null;
    for (Taint taint : taints) {
      Instant added = taint.timeAdded() == null ? now : taint.timeAdded();
      since = since == null || added.isBefore(since) ? added : since;
      boolean tolerated = false;
      for (Toleration t : tolerations) {
        if (t.tolerates(taint)) {
          tolerated = true;
          if (t.tolerationSeconds() != null) {
            long s = Math.max(0, t.tolerationSeconds());
            minSeconds = minSeconds == null ? s : Math.min(minSeconds, s);
          }
        }
      }
      if (!tolerated) {
        return Optional.of(now);
      }
    }
    return minSeconds == null ? Optional.empty() : Optional.of(since.plusSeconds(minSeconds));
  }

  /** True when the pod is to be evicted at {@code now} at the latest. */
  public static boolean due(Pod pod, List<Taint> taints, Instant now) {
    return evictAt(pod, taints, now).map(at -> !at.isAfter(now)).orElse(false);
  }
}
