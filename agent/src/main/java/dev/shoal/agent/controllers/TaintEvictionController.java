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
import dev.shoal.manifests.model.Taint;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evicts pods from nodes with NoExecute taints (upstream's taint eviction controller): a pod that
 * does not tolerate one is deleted at once, one that tolerates them for a while when that runs out
 * ({@link TaintEviction}); the node is checked again at that moment on the work queue's timer.
 * Nodes the lifecycle holds lost (Ready Unknown) are left to {@link NodeLifecycleController}, which
 * fails their pods as NodeLost by the same rule. Keys are Node keys.
 */
public final class TaintEvictionController implements Controller {

  private static final Logger LOG = LoggerFactory.getLogger(TaintEvictionController.class);

  private final ClusterStore store;
  private final Clock clock;

  /** Nodes that had NoExecute taints when last seen: a pod landing there wakes them. */
  private final Set<String> tainted = ConcurrentHashMap.newKeySet();

  private WorkQueue<ObjectKey> queue;

  public TaintEvictionController(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "taint-eviction";
  }

  @Override
  public List<Watched> watches() {
    return List.of(new Watched(Node.KIND, this::onNode), new Watched(Pod.KIND, this::onPod));
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
    String name = event.object().metadata().name();
    boolean has =
        event.type() != WatchEvent.Type.DELETED
            && !TaintEviction.noExecute((Node) event.object()).isEmpty();
    if (has) {
      tainted.add(name);
      return List.of(event.key());
    }
    tainted.remove(name);
    return List.of();
  }

  private Collection<ObjectKey> onPod(WatchEvent event) {
    Pod pod = (Pod) event.object();
    if (event.type() == WatchEvent.Type.DELETED
        || !PodFacts.isBound(pod)
        || !tainted.contains(pod.spec().nodeName())) {
      return List.of();
    }
    return List.of(new ObjectKey(Node.KIND, "", pod.spec().nodeName()));
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(found -> evict((Node) found))
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  private Future<Void> evict(Node node) {
    List<Taint> taints = TaintEviction.noExecute(node);
    if (taints.isEmpty() || lostToTheLifecycle(node)) {
      return Future.succeededFuture();
    }
    String nodeName = node.metadata().name();
    Instant now = clock.instant();
    return store
        .list(Pod.KIND, null)
        .compose(
            listing -> {
              List<Future<?>> deletes = new ArrayList<>();
              Instant next = null;
              for (var r : listing.items()) {
                Pod pod = (Pod) r;
                if (!nodeName.equals(pod.spec().nodeName()) || !PodFacts.isActive(pod)) {
                  continue;
                }
                Optional<Instant> at = TaintEviction.evictAt(pod, taints, now);
                if (at.isEmpty()) {
                  continue;
                }
                if (!at.get().isAfter(now)) {
                  LOG.info(
                      "evicting pod {}/{} from node {}: NoExecute taint",
                      pod.metadata().namespace(),
                      pod.metadata().name(),
                      nodeName);
                  deletes.add(deleteIfSame(pod));
                } else if (next == null || at.get().isBefore(next)) {
                  next = at.get();
                }
              }
              if (next != null && queue != null) {
                queue.addAfter(ObjectKey.of(node), Duration.between(now, next).plusMillis(1));
              }
              return Future.all(deletes).mapEmpty();
            });
  }

  /** Deletes the pod examined, not a namesake created since. */
  private Future<Void> deleteIfSame(Pod pod) {
    ObjectKey key = ObjectKey.of(pod);
    return ReplicaSetController.ignoreMissing(
        store
            .get(key)
            .compose(
                current ->
                    pod.metadata().uid().equals(current.metadata().uid())
                        ? store.delete(key)
                        : Future.succeededFuture(current)));
  }

  private static boolean lostToTheLifecycle(Node node) {
    if (node.status() == null || node.status().conditions() == null) {
      return false;
    }
    for (NodeCondition c : node.status().conditions()) {
      if ("Ready".equals(c.type())) {
        return "Unknown".equals(c.status());
      }
    }
    return false;
  }
}
