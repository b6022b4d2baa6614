package dev.shoal.agent.controllers;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.Taint;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The NoExecute taints the node lifecycle puts on a node it sees lost ({@code
 * node.kubernetes.io/unreachable}) or not ready ({@code node.kubernetes.io/not-ready}), with the
 * time they were added (tolerationSeconds count from it), and their removal once the node is back.
 * Taints users set are never touched.
 */
final class LifecycleTaints {

  static final List<String> KEYS = List.of(TaintEviction.UNREACHABLE, TaintEviction.NOT_READY);

  private LifecycleTaints() {}

  /** The node with the taint {@code key:NoExecute} (kept with its first time if already there). */
  static Node add(Node node, String key, Instant now) {
    List<Taint> taints = taints(node);
    if (taints.stream().anyMatch(t -> key.equals(t.key()) && "NoExecute".equals(t.effect()))) {
      return node;
    }
    List<Taint> next = new ArrayList<>(taints);
    next.add(new Taint(key, null, "NoExecute", now));
    return withTaints(node, next);
  }

  /**
   * Removes the lifecycle's taints from the stored node if it still has them and {@code healthy}
   * holds for the stored version (a node that went lost meanwhile keeps them).
   */
  static Future<Void> clear(ClusterStore store, Node node, Predicate<Node> healthy) {
    if (taints(node).stream().noneMatch(LifecycleTaints::ours)) {
      return Future.succeededFuture();
    }
    return ReplicaSetController.ignoreMissing(
        store.modify(
            ObjectKey.of(node),
            current -> {
              Node n = (Node) current;
              if (!healthy.test(n) || taints(n).stream().noneMatch(LifecycleTaints::ours)) {
                return current;
              }
              List<Taint> kept = taints(n).stream().filter(t -> !ours(t)).toList();
              return withTaints(n, kept.isEmpty() ? null : kept);
            }));
  }

  private static boolean ours(Taint t) {
    return KEYS.contains(t.key()) && "NoExecute".equals(t.effect());
  }

  private static List<Taint> taints(Node node) {
    return node.spec() == null || node.spec().taints() == null ? List.of() : node.spec().taints();
  }

  private static Node withTaints(Node node, List<Taint> taints) {
    NodeSpec s = node.spec() == null ? new NodeSpec(null, null, null, null) : node.spec();
    return node.withSpec(new NodeSpec(s.podCIDR(), s.podCIDRs(), s.unschedulable(), taints));
  }
}
