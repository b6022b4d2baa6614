package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.WorkQueue;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Taint;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices nodes that stopped heartbeating: a node whose Ready condition's lastHeartbeatTime is
 * older than the grace period (measured from this leader's start at the earliest, so a new leader
 * does not evict on stale clocks), or that the membership layer reported gone ({@link #nodeGone}),
 * is marked Ready=Unknown (NodeStatusUnknown) and tainted {@code node.kubernetes.io/unreachable:
 * NoExecute}; its running and pending pods are marked Failed (reason NodeLost) and deleted so their
 * owners recreate them elsewhere, except those that tolerate its NoExecute taints: they stay for
 * their {@code tolerationSeconds} (for ever without one, as daemon pods do) and the node is checked
 * again when the first runs out. A StatefulSet's pod is not failed and removed but deleted
 * gracefully (deletionTimestamp, Ready=False), as upstream's taint manager does: its object stays
 * while the node cannot confirm that its containers stopped, so the set does not start a second pod
 * of that identity ({@code kubectl delete pod --force --grace-period=0} removes it). The taint goes
 * when the node heartbeats again. Pods bound to a node that no longer exists are all treated as
 * lost. Pods that had already finished (Succeeded, or Failed for a reason of their own) are kept,
 * as Kubernetes keeps them: they hold nothing on the node, and their owners count them (a Job's
 * finished index must not run again because its node was lost before the Job controller saw the
 * success); their owners or the garbage collector remove them.
 *
 * <p>A node whose agent is still a cluster member gets the longer member grace instead: its process
 * is alive and answering the membership layer's failure detector, which removes it within seconds
 * if it stops (and then {@link #nodeGone} evicts at once). Its heartbeat may be late because it is
 * still starting: after every agent restarted, one that joined a few seconds after the leader took
 * office must not lose its pods for it. Keys are Node keys; the runner's resync (set it near the
 * grace period) re-checks every node. Every time is read from the injected clock, and the re-check
 * at a node's deadline waits on the work queue's timer, so tests run the grace periods on virtual
 * time.
 */
public final class NodeLifecycleController implements Controller {

  private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);

  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(4);
  public static final Duration DEFAULT_MEMBER_GRACE = Duration.ofSeconds(30);

  /** The reason of a pod failed because its node was lost. */
  static final String NODE_LOST = "NodeLost";

  private final ClusterStore store;
  private final Clock clock;
  private final Duration grace;
  private final Duration memberGrace;
  private final Predicate<String> agentIsMember;
  private final Instant startedAt;

  /** When the membership layer reported each node gone; a heartbeat after that revives it. */
  private final Map<String, Instant> gone = new ConcurrentHashMap<>();

  private WorkQueue<ObjectKey> queue;

  /** {@code agentIsMember} tells by node name whether that node's agent is in the cluster now. */
  public NodeLifecycleController(
      ClusterStore store,
      Clock clock,
      Duration grace,
      Duration memberGrace,
      Predicate<String> agentIsMember) {
    this.store = store;
    this.clock = clock;
    this.grace = grace;
    this.memberGrace = memberGrace.compareTo(grace) > 0 ? memberGrace : grace;
    this.agentIsMember = agentIsMember;
    this.startedAt = clock.instant();
  }

  @Override
  public String name() {
    return "nodelifecycle";
  }

  @Override
  public List<Watched> watches() {
    return List.of(new Watched(Node.KIND, this::onNode));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(Node.KIND);
  }

  @Override
  public void attach(WorkQueue<ObjectKey> value) {
    this.queue = value;
  }

  private Collection<ObjectKey> onNode(WatchEvent event) {
    return List.of(event.key());
  }

  /**
   * The membership layer saw the node's agent leave: treat it as lost now, without waiting for the
   * grace period.
   */
  public void nodeGone(String nodeName) {
    gone.put(nodeName, clock.instant());
    if (queue != null) {
      queue.add(new ObjectKey(Node.KIND, "", nodeName));
    }
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(found -> check((Node) found))
        .recover(
            e ->
                e instanceof StoreException se
                        && se.reason() == StoreException.Reason.NOT_FOUND
                        && key.equals(se.key())
                    ? evictPods(key.name(), pod -> true, false).mapEmpty()
                    : Future.failedFuture(e));
  }

  private Future<Void> check(Node node) {
    String name = node.metadata().name();
    Instant now = clock.instant();
    if (!lost(node, now)) {
      if (queue != null) {
        queue.addAfter(ObjectKey.of(node), Duration.between(now, deadline(node)).plusMillis(1));
      }
      return LifecycleTaints.clear(store, node, n -> !lost(n, clock.instant()))
          .compose(v -> finishEvictions(name));
    }
    return store
        .modify(ObjectKey.of(node), current -> markUnknown((Node) current, now))
        .compose(
            stored -> {
              // Pods tolerating the node's NoExecute taints stay (for their tolerationSeconds).
              List<Taint> taints = TaintEviction.noExecute((Node) stored);
              requeueAtNextEviction(stored.metadata().name(), taints, now);
              return evictPods(name, pod -> TaintEviction.due(pod, taints, now), true);
            })
        .onSuccess(
            evicted -> {
              if (evicted > 0) {
                LOG.info(
                    "node {} is lost ({}): evicted {} pod(s)",
                    name,
                    gone.containsKey(name)
                        ? "its agent left the cluster"
                        : "last heartbeat "
                            + heartbeat(node)
                            + ", member of the cluster: "
                            + agentIsMember.test(name),
                    evicted);
              }
            })
        .mapEmpty();
  }

  private boolean lost(Node node, Instant now) {
    Instant goneAt = gone.get(node.metadata().name());
    Instant heartbeat = heartbeat(node);
    if (goneAt != null && (heartbeat == null || !heartbeat.isAfter(goneAt))) {
      return true;
    }
    return deadline(node).isBefore(now);
  }

  private Instant deadline(Node node) {
    Instant heartbeat = heartbeat(node);
    Instant from = heartbeat == null || heartbeat.isBefore(startedAt) ? startedAt : heartbeat;
    return from.plus(agentIsMember.test(node.metadata().name()) ? memberGrace : grace);
  }

  private static Instant heartbeat(Node node) {
    NodeCondition ready = ready(node);
    if (ready == null) {
      return node.metadata().creationTimestamp();
    }
    if (ready.lastHeartbeatTime() != null) {
      return ready.lastHeartbeatTime();
    }
    return ready.lastTransitionTime() != null
        ? ready.lastTransitionTime()
        : node.metadata().creationTimestamp();
  }

  private static NodeCondition ready(Node node) {
    if (node.status() == null || node.status().conditions() == null) {
      return null;
    }
    return node.status().conditions().stream()
        .filter(c -> "Ready".equals(c.type()))
        .findFirst()
        .orElse(null);
  }

  /**
   * Ready=Unknown, keeping the last heartbeat; re-checked on the stored node so a fresh heartbeat
   * wins.
   */
  private Resource markUnknown(Node node, Instant now) {
    NodeCondition ready = ready(node);
    if (!lost(node, now)) {
      return node;
    }
    if (ready != null && "Unknown".equals(ready.status())) {
      Instant since = ready.lastTransitionTime() == null ? now : ready.lastTransitionTime();
      return LifecycleTaints.add(node, TaintEviction.UNREACHABLE, since);
    }
    List<NodeCondition> conditions = new ArrayList<>();
    if (node.status() != null && node.status().conditions() != null) {
      node.status().conditions().stream()
          .filter(c -> !"Ready".equals(c.type()))
          .forEach(conditions::add);
    }
    conditions.add(
        new NodeCondition(
            "Ready",
            "Unknown",
            "NodeStatusUnknown",
            "Kubelet stopped posting node status.",
            ready == null ? null : ready.lastHeartbeatTime(),
            now));
    var status =
        node.status() == null
            ? new dev.shoal.manifests.model.NodeStatus(null, null, conditions, null, null)
            : node.status().withConditions(conditions);
    return LifecycleTaints.add(node.withStatus(status), TaintEviction.UNREACHABLE, now);
  }

  /** Checks the node again when the next pod's toleration of its taints runs out. */
  private void requeueAtNextEviction(String nodeName, List<Taint> taints, Instant now) {
    if (queue == null || taints.isEmpty()) {
      return;
    }
    store
        .list(Pod.KIND, null)
        .onSuccess(
            listing ->
                listing.items().stream()
                    .map(Pod.class::cast)
                    .filter(p -> nodeName.equals(p.spec().nodeName()) && PodFacts.isActive(p))
                    .map(p -> TaintEviction.evictAt(p, taints, now))
                    .flatMap(java.util.Optional::stream)
                    .filter(at -> at.isAfter(now))
                    .min(Instant::compareTo)
                    .ifPresent(
                        at ->
                            queue.addAfter(
                                new ObjectKey(Node.KIND, "", nodeName),
                                Duration.between(now, at).plusMillis(1))));
  }

  /**
   * Deletes the node's pods an eviction failed but did not get to delete (a leadership change
   * between the two writes fences the second): left alone they stay Failed forever beside their
   * replacements.
   */
  private Future<Void> finishEvictions(String nodeName) {
    return store
        .list(Pod.KIND, null)
        .compose(
            listing ->
                Future.all(
                        listing.items().stream()
                            .map(Pod.class::cast)
                            .filter(
                                pod ->
                                    nodeName.equals(pod.spec().nodeName()) && failedByEviction(pod))
                            .map(
                                pod ->
                                    ReplicaSetController.ignoreMissing(
                                        store.delete(ObjectKey.of(pod))))
                            .toList())
                    .mapEmpty());
  }

  /**
   * Fails (reason NodeLost) then deletes the pods bound to the node that had not finished and that
   * {@code evict} selects, marks the others not ready, and deletes the ones an earlier pass failed
   * but did not get to delete; tells how many were still running. On a node that still exists a
   * StatefulSet's pod is only marked deleting (see the class comment); on a deleted node every pod
   * goes, as upstream's pod garbage collector removes pods of nodes that no longer exist.
   */
  private Future<Integer> evictPods(String nodeName, Predicate<Pod> evict, boolean nodeExists) {
    return store
        .list(Pod.KIND, null)
        .compose(
            listing -> {
              List<Future<?>> evictions = new ArrayList<>();
              int running = 0;
              for (Resource r : listing.items()) {
                Pod pod = (Pod) r;
                if (!nodeName.equals(pod.spec().nodeName())) {
                  continue;
                }
                if (PodFacts.isTerminal(pod)) {
                  if (failedByEviction(pod)) {
                    evictions.add(
                        ReplicaSetController.ignoreMissing(store.delete(ObjectKey.of(pod))));
                  }
                } else if (evict.test(pod) && nodeExists && LostNodePods.isStateful(pod)) {
                  // At most one pod per identity: it is deleted, not failed; the object stays
                  // until its node confirms (or an operator forces it), then the set makes it
                  // again.
                  evictions.add(LostNodePods.markDeleting(store, pod, clock.instant()));
                  running++;
                } else if (evict.test(pod)) {
                  evictions.add(evict(pod, nodeName));
                  running++;
                } else if (PodFacts.isReady(pod)) {
                  // It tolerates the lost node and stays, but no one vouches for it: not ready.
                  evictions.add(LostNodePods.markNotReady(store, pod, clock.instant()));
                }
              }
              int evicted = running;
              return Future.all(evictions).map(all -> evicted);
            });
  }

  /** Failed by an eviction ({@link #evict}), not by its own containers. */
  private static boolean failedByEviction(Pod pod) {
    return pod.status() != null
        && "Failed".equals(pod.status().phase())
        && NODE_LOST.equals(pod.status().reason());
  }

  /**
   * Fails a pod that has not finished (re-checked on the stored pod: one that finished meanwhile is
   * kept as it is), then deletes it if the failure was this eviction's.
   */
  private Future<Void> evict(Pod pod, String nodeName) {
    ObjectKey key = ObjectKey.of(pod);
    String message =
        "Node " + nodeName + " which was running pod " + pod.metadata().name() + " is unresponsive";
    Future<Resource> failed =
        store.modify(
            key,
            current -> {
              Pod p = (Pod) current;
              if (PodFacts.isTerminal(p) || !nodeName.equals(p.spec().nodeName())) {
                return current;
              }
              PodStatus base =
                  p.status() == null ? PodStatus.phase("Failed") : p.status().withPhase("Failed");
              return p.withStatus(base.withReason(NODE_LOST, message));
            });
    return ReplicaSetController.ignoreMissing(
        failed.compose(
            stored ->
                stored instanceof Pod p && failedByEviction(p)
                    ? store.delete(key)
                    : Future.succeededFuture(stored)));
  }
}
