package dev.shoal.agent.controllers.daemon;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.Expectations;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.WorkQueue;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one pod of each DaemonSet on every node it should run on: re-reads the set, the nodes and
 * the set's pods, asks {@link DaemonSetPlanner}, then creates (bound to their node), deletes, and
 * records status. A node that joins, leaves, or changes labels or taints makes every set dirty (a
 * heartbeat does not); {@link Expectations} keep a sync from creating twice before its own pods
 * have come back through the watch.
 */
public final class DaemonSetController implements Controller {

  private final ClusterStore store;
  private final Clock clock;
  private final Expectations<ObjectKey> expectations;
  private final Set<ObjectKey> daemonSets = ConcurrentHashMap.newKeySet();

  /** What each node last showed that eligibility reads, so heartbeats wake no set. */
  private final Map<String, Object> nodeShapes = new ConcurrentHashMap<>();

  private WorkQueue<ObjectKey> queue;

  public DaemonSetController(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.expectations = new Expectations<>(clock, Duration.ofMinutes(1));
  }

  @Override
  public String name() {
    return "daemonset";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(DaemonSet.KIND, this::onDaemonSet),
        new Watched(Pod.KIND, this::onPod),
        new Watched(Node.KIND, this::onNode));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(DaemonSet.KIND);
  }

  @Override
  public void attach(WorkQueue<ObjectKey> value) {
    this.queue = value;
  }

  private Collection<ObjectKey> onDaemonSet(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      daemonSets.remove(event.key());
      expectations.forget(event.key());
    } else {
      daemonSets.add(event.key());
    }
    return List.of(event.key());
  }

  private Collection<ObjectKey> onPod(WatchEvent event) {
    Optional<ObjectKey> found = PodFacts.controllerKey(event.object(), DaemonSet.KIND);
    if (found.isEmpty()) {
      return List.of();
    }
    ObjectKey owner = found.get();
    if (event.type() == WatchEvent.Type.ADDED) {
      expectations.creationObserved(owner);
    }
    return List.of(owner);
  }

  private Collection<ObjectKey> onNode(WatchEvent event) {
    String name = event.object().metadata().name();
    if (event.type() == WatchEvent.Type.DELETED) {
      nodeShapes.remove(name);
      return List.copyOf(daemonSets);
    }
    Node node = (Node) event.object();
    Object shape =
        List.of(
            node.metadata().labelsOrEmpty(),
            node.spec() == null || node.spec().taints() == null ? List.of() : node.spec().taints());
    Object before = nodeShapes.put(name, shape);
    return shape.equals(before) ? List.of() : List.copyOf(daemonSets);
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(found -> reconcile((DaemonSet) found))
        .recover(
            e -> {
              if (e instanceof StoreException se
                  && se.reason() == StoreException.Reason.NOT_FOUND
                  && key.equals(se.key())) {
                expectations.forget(key);
                daemonSets.remove(key);
                return Future.succeededFuture();
              }
              return Future.failedFuture(e);
            });
  }

  private Future<Void> reconcile(DaemonSet ds) {
    ObjectKey key = ObjectKey.of(ds);
    daemonSets.add(key);
    if (PodFacts.isDeleting(ds)) {
      return Future.succeededFuture();
    }
    boolean mayCreate = expectations.satisfied(key);
    Future<List<Node>> nodes =
        store.list(Node.KIND, null).map(l -> l.items().stream().map(Node.class::cast).toList());
    Future<List<Pod>> pods =
        store
            .list(Pod.KIND, ds.metadata().namespace())
            .map(l -> l.items().stream().map(Pod.class::cast).filter(p -> owns(ds, p)).toList());
    return Future.all(nodes, pods)
        .compose(
            both -> {
              DaemonSetPlan plan =
                  DaemonSetPlanner.plan(
                      ds, nodes.result(), pods.result(), clock.instant(), mayCreate);
              return create(ds, key, plan)
                  .compose(v -> delete(plan))
                  .compose(v -> writeStatus(key, plan))
                  .onSuccess(
                      v -> {
                        if (plan.recheckAfterMillis() > 0 && queue != null) {
                          queue.addAfter(key, plan.recheckAfterMillis());
                        }
                      });
            });
  }

  private static boolean owns(DaemonSet ds, Pod pod) {
    return PodFacts.controllerOf(pod)
        .map(ref -> Objects.equals(ds.metadata().uid(), ref.uid()))
        .orElse(false);
  }

  private Future<Void> create(DaemonSet ds, ObjectKey key, DaemonSetPlan plan) {
    if (plan.createOn().isEmpty()) {
      return Future.succeededFuture();
    }
    expectations.expect(key, plan.createOn().size(), 0);
    String revision = DaemonPods.revision(ds);
    List<Future<?>> creates = new ArrayList<>();
    for (String node : plan.createOn()) {
      creates.add(
          store
              .create(DaemonPods.newPod(ds, node, revision))
              .onFailure(e -> expectations.creationObserved(key)));
    }
    return Future.all(creates).mapEmpty();
  }

  private Future<Void> delete(DaemonSetPlan plan) {
    List<Future<?>> deletes = new ArrayList<>();
    for (Pod pod : plan.delete()) {
      deletes.add(ignoreMissing(store.delete(ObjectKey.of(pod))));
    }
    return Future.all(deletes).mapEmpty();
  }

  private Future<Void> writeStatus(ObjectKey key, DaemonSetPlan plan) {
    return ignoreMissing(
        store.modify(
            key,
            current -> {
              DaemonSet ds = (DaemonSet) current;
              return Objects.equals(ds.status(), plan.status())
                  ? current
                  : ds.withStatus(plan.status());
            }));
  }

  private static Future<Void> ignoreMissing(Future<? extends Resource> write) {
    return write
        .<Void>mapEmpty()
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }
}
