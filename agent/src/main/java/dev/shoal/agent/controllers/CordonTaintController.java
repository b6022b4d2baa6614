package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.Taint;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Mirrors a cordon into a taint, as upstream's node lifecycle does: a node with {@code
 * spec.unschedulable} gets {@code node.kubernetes.io/unschedulable:NoSchedule}, and loses it when
 * uncordoned. The scheduler refuses a cordoned node by the flag already; the taint is what pods and
 * tools see (daemon pods tolerate it). Keys are Node keys.
 */
public final class CordonTaintController implements Controller {

  public static final String KEY = "node.kubernetes.io/unschedulable";

  private final ClusterStore store;
  private final Clock clock;

  public CordonTaintController(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "cordon-taint";
  }

  @Override
  public List<Watched> watches() {
    return List.of(new Watched(Node.KIND, this::onNode));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(Node.KIND);
  }

  private Collection<ObjectKey> onNode(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      return List.of();
    }
    Node node = (Node) event.object();
    return cordoned(node) == tainted(node) ? List.of() : List.of(event.key());
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return ReplicaSetController.ignoreMissing(
            store.modify(key, current -> mirrored((Node) current)))
        .mapEmpty();
  }

  /** The node with the taint added or removed to match its cordon; the same node if it matches. */
  Node mirrored(Node node) {
    boolean cordoned = cordoned(node);
    if (cordoned == tainted(node)) {
      return node;
    }
    NodeSpec s = node.spec() == null ? new NodeSpec(null, null, null, null) : node.spec();
    List<Taint> taints = new ArrayList<>(s.taints() == null ? List.of() : s.taints());
    if (cordoned) {
      taints.add(
          new Taint(KEY, null, "NoSchedule", clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    } else {
      taints.removeIf(CordonTaintController::ours);
    }
    return node.withSpec(
        new NodeSpec(
            s.podCIDR(), s.podCIDRs(), s.unschedulable(), taints.isEmpty() ? null : taints));
  }

  private static boolean cordoned(Node node) {
    return node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable());
  }

  private static boolean tainted(Node node) {
    return node.spec() != null
        && node.spec().taints() != null
        && node.spec().taints().stream().anyMatch(CordonTaintController::ours);
  }

  private static boolean ours(Taint t) {
    return KEY.equals(t.key()) && "NoSchedule".equals(t.effect());
  }
}
