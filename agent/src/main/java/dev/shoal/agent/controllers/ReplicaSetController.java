package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.Expectations;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.WorkQueue;
import dev.shoal.agent.events.EventRecorder;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps each ReplicaSet's pod count: re-reads the set and its namespace's pods, asks {@link
 * ReplicaSetPlanner}, then adopts, releases, creates (generateName {@code <rs>-}, controller owner
 * reference), deletes, and records status. {@link Expectations} keep it from creating twice before
 * its own creations have come back through the watch.
 */
public final class ReplicaSetController implements Controller {

  private final ClusterStore store;
  private final Clock clock;
  private final Expectations<ObjectKey> expectations;
  private final OwnerIndex replicaSets = new OwnerIndex();
  private WorkQueue<ObjectKey> queue;
  private EventRecorder events = EventRecorder.NONE;

  public ReplicaSetController(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.expectations = new Expectations<>(clock, java.time.Duration.ofMinutes(1));
  }

  /** Records SuccessfulCreate, FailedCreate and SuccessfulDelete on the set, as upstream. */
  public ReplicaSetController withEvents(EventRecorder value) {
    this.events = value;
    return this;
  }

  @Override
  public String name() {
    return "replicaset";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(ReplicaSet.KIND, this::onReplicaSet), new Watched(Pod.KIND, this::onPod));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(ReplicaSet.KIND);
  }

  @Override
  public void attach(WorkQueue<ObjectKey> value) {
    this.queue = value;
  }

  private Collection<ObjectKey> onReplicaSet(WatchEvent event) {
    replicaSets.observe(event);
    if (event.type() == WatchEvent.Type.DELETED) {
      expectations.forget(event.key());
    }
    return List.of(event.key());
  }

  private Collection<ObjectKey> onPod(WatchEvent event) {
    Pod pod = (Pod) event.object();
    Optional<OwnerReference> ref = PodFacts.controllerOf(pod);
    if (ref.isPresent()) {
      if (!ReplicaSet.KIND.equals(ref.get().kind())) {
        return List.of();
      }
      ObjectKey owner =
          new ObjectKey(ReplicaSet.KIND, pod.metadata().namespace(), ref.get().name());
      if (event.type() == WatchEvent.Type.ADDED) {
        expectations.creationObserved(owner);
      } else if (event.type() == WatchEvent.Type.DELETED) {
        expectations.deletionObserved(owner);
      }
      // A relabelled pod may now be an orphan another set wants: tell them all.
      List<ObjectKey> keys = new ArrayList<>(List.of(owner));
      if (event.type() == WatchEvent.Type.MODIFIED) {
        keys.addAll(replicaSets.inNamespace(pod.metadata().namespace()));
      }
      return keys;
    }
    if (event.type() == WatchEvent.Type.DELETED) {
      return List.of();
    }
    return replicaSets.inNamespace(pod.metadata().namespace());
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(found -> reconcile((ReplicaSet) found))
        .recover(
            e -> {
              if (e instanceof StoreException se
                  && se.reason() == StoreException.Reason.NOT_FOUND
                  && key.equals(se.key())) {
                expectations.forget(key);
                replicaSets.forget(key);
                return Future.succeededFuture();
              }
              return Future.failedFuture(e);
            });
  }

  private Future<Void> reconcile(ReplicaSet rs) {
    ObjectKey key = ObjectKey.of(rs);
    replicaSets.remember(key);
    boolean mayScale = expectations.satisfied(key);
    return store
        .list(Pod.KIND, rs.metadata().namespace())
        .compose(
            listing -> {
              List<Pod> pods = listing.items().stream().map(Pod.class::cast).toList();
              ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, pods, clock.instant(), mayScale);
              return claim(rs, plan)
                  .compose(v -> scale(rs, key, plan))
                  .compose(v -> writeStatus(key, plan))
                  .onSuccess(
                      v -> {
                        if (plan.recheckAfterMillis() > 0 && queue != null) {
                          queue.addAfter(key, plan.recheckAfterMillis());
                        }
                      });
            });
  }

  private Future<Void> claim(ReplicaSet rs, ReplicaSetPlan plan) {
    List<Future<?>> writes = new ArrayList<>();
    OwnerReference ref = PodFacts.controllerRef(rs);
    for (Pod pod : plan.adopt()) {
      writes.add(
          ignoreMissing(
              store.modify(
                  ObjectKey.of(pod),
                  current -> {
                    if (PodFacts.controllerOf(current).isPresent()) {
                      return current;
                    }
                    List<OwnerReference> refs =
                        new ArrayList<>(orEmpty(current.metadata().ownerReferences()));
                    refs.add(ref);
                    return current.withMetadata(current.metadata().withOwnerReferences(refs));
                  })));
    }
    for (Pod pod : plan.release()) {
      writes.add(
          ignoreMissing(
              store.modify(
                  ObjectKey.of(pod),
                  current -> {
                    List<OwnerReference> refs =
                        new ArrayList<>(orEmpty(current.metadata().ownerReferences()));
                    if (!refs.removeIf(r -> rs.metadata().uid().equals(r.uid()))) {
                      return current;
                    }
                    return current.withMetadata(
                        current.metadata().withOwnerReferences(refs.isEmpty() ? null : refs));
                  })));
    }
    return Future.all(writes).mapEmpty();
  }

  private Future<Void> scale(ReplicaSet rs, ObjectKey key, ReplicaSetPlan plan) {
    if (plan.create() > 0) {
      expectations.expect(key, plan.create(), 0);
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < plan.create(); i++) {
        creates.add(
            store
                .create(newPod(rs))
                .onSuccess(
                    pod ->
                        events.normal(
                            ObjectReference.to(rs),
                            "SuccessfulCreate",
                            "Created pod: " + pod.metadata().name()))
                .onFailure(
                    e -> {
                      expectations.creationObserved(key);
                      events.warning(
                          ObjectReference.to(rs),
                          "FailedCreate",
                          "Error creating: " + e.getMessage());
                    }));
      }
      return Future.all(creates).mapEmpty();
    }
    if (!plan.delete().isEmpty()) {
      expectations.expect(key, 0, plan.delete().size());
      List<Future<?>> deletes = new ArrayList<>();
      for (Pod pod : plan.delete()) {
        deletes.add(
            ignoreMissing(
                store
                    .delete(ObjectKey.of(pod))
                    .onSuccess(
                        gone ->
                            events.normal(
                                ObjectReference.to(rs),
                                "SuccessfulDelete",
                                "Deleted pod: " + pod.metadata().name()))
                    .onFailure(e -> expectations.deletionObserved(key))));
      }
      return Future.all(deletes).mapEmpty();
    }
    return Future.succeededFuture();
  }

  private Future<Void> writeStatus(ObjectKey key, ReplicaSetPlan plan) {
    return ignoreMissing(
        store.modify(
            key,
            current -> {
              ReplicaSet rs = (ReplicaSet) current;
              return Objects.equals(rs.status(), plan.status())
                  ? current
                  : rs.withStatus(plan.status());
            }));
  }

  static Pod newPod(ReplicaSet rs) {
    ObjectMeta template = rs.spec().template().metadata();
    ObjectMeta meta =
        new ObjectMeta(
            null,
            rs.metadata().name() + "-",
            rs.metadata().namespace(),
            template == null ? null : template.labels(),
            template == null ? null : template.annotations(),
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(PodFacts.controllerRef(rs)),
            null);
    return new Pod(meta, rs.spec().template().spec(), PodStatus.phase("Pending"));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  static Future<Void> ignoreMissing(Future<? extends Resource> write) {
    return write
        .<Void>mapEmpty()
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }
}
