package dev.shoal.agent.controllers.stateful;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.WorkQueue;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.ControllerRevision;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.StatefulSet;
import dev.shoal.manifests.model.StatefulSetStatus;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps each StatefulSet's pods, claims and revisions: re-reads the set, its pods, the namespace's
 * claims and the set's ControllerRevisions, makes sure a revision records the current template,
 * asks {@link StatefulSetPlanner}, then creates claims before pods, deletes pods gracefully ({@link
 * PodDeletion}), sets claim owners as the retention policy says, drops revisions beyond {@code
 * revisionHistoryLimit} that no pod uses, and records status. Pod names are fixed, so a second
 * create of one fails instead of making two: no expectations are needed.
 */
public final class StatefulSetController implements Controller {

  private final ClusterStore store;
  private final Clock clock;
  private WorkQueue<ObjectKey> queue;

  public StatefulSetController(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "statefulset";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(StatefulSet.KIND, event -> List.of(event.key())),
        new Watched(Pod.KIND, this::onPod));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(StatefulSet.KIND);
  }

  @Override
  public void attach(WorkQueue<ObjectKey> value) {
    this.queue = value;
  }

  private Collection<ObjectKey> onPod(WatchEvent event) {
    return PodFacts.controllerKey(event.object(), StatefulSet.KIND).map(List::of).orElse(List.of());
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return Controller.reconcileStored(store, key, StatefulSet.class, this::reconcile);
  }

  private Future<Void> reconcile(StatefulSet set) {
    if (PodFacts.isDeleting(set)) {
      return Future.succeededFuture();
    }
    String ns = set.metadata().namespace();
    Future<List<Pod>> pods =
        store
            .list(Pod.KIND, ns)
            .map(l -> l.items().stream().map(Pod.class::cast).filter(p -> owned(set, p)).toList());
    Future<Map<String, PersistentVolumeClaim>> claims =
        store
            .list(PersistentVolumeClaim.KIND, ns)
            .map(
                l -> {
                  Map<String, PersistentVolumeClaim> byName = new HashMap<>();
                  l.items()
                      .forEach(r -> byName.put(r.metadata().name(), (PersistentVolumeClaim) r));
                  return byName;
                });
    Future<List<ControllerRevision>> history =
        store
            .list(ControllerRevision.KIND, ns)
            .map(
                l ->
                    l.items().stream()
                        .map(ControllerRevision.class::cast)
                        .filter(r -> owned(set, r))
                        .toList());
    return Future.all(pods, claims, history)
        .compose(
            all ->
                updateRevision(set, history.result())
                    .compose(
                        update -> {
                          if (update.isEmpty()) {
                            return Future.succeededFuture(); // a hash collision: synced again
                          }
                          return act(
                              set, pods.result(), claims.result(), history.result(), update.get());
                        }));
  }

  private Future<Void> act(
      StatefulSet set,
      List<Pod> pods,
      Map<String, PersistentVolumeClaim> claims,
      List<ControllerRevision> history,
      ControllerRevision update) {
    String currentName = set.status() == null ? null : set.status().currentRevision();
    ControllerRevision current =
        history.stream()
            .filter(r -> r.metadata().name().equals(currentName))
            .findFirst()
            .orElse(update);
    PodTemplateSpec updateTemplate = set.spec().template();
    PodTemplateSpec currentTemplate = StatefulRevisions.template(current).orElse(updateTemplate);
    var revisions =
        new StatefulSetPlanner.Revisions(
            current.metadata().name(), currentTemplate, update.metadata().name(), updateTemplate);
    StatefulSetPlan plan = StatefulSetPlanner.plan(set, pods, claims, revisions, clock.instant());
    ObjectKey key = ObjectKey.of(set);
    return createAll(plan.createClaims())
        .compose(v -> createAll(plan.createPods()))
        .compose(v -> deletePods(plan.deletePods()))
        .compose(v -> setClaimOwners(set, plan.claimOwners()))
        .compose(v -> truncateHistory(set, pods, history, current, update))
        .compose(v -> writeStatus(key, plan.status()))
        .onSuccess(
            v -> {
              if (plan.recheckAfterMillis() > 0 && queue != null) {
                queue.addAfter(key, plan.recheckAfterMillis());
              }
            });
  }

  /**
   * The revision of the set's current template: an existing one that records it (renumbered to be
   * the newest, as upstream), or a new one; empty after a name collision, which bumps {@code
   * status.collisionCount} so the next sync names it differently.
   */
  private Future<Optional<ControllerRevision>> updateRevision(
      StatefulSet set, List<ControllerRevision> history) {
    long next = StatefulRevisions.nextNumber(history);
    for (ControllerRevision r : history) {
      if (StatefulRevisions.matches(r, set)) {
        if (r.revisionOrZero() == next - 1) {
          return Future.succeededFuture(Optional.of(r));
        }
        return store
            .modify(
                ObjectKey.of(r),
                c -> new ControllerRevision(c.metadata(), ((ControllerRevision) c).data(), next))
            .map(c -> Optional.of((ControllerRevision) c));
      }
    }
    ControllerRevision fresh = StatefulRevisions.newRevision(set, next);
    return store
        .create(fresh)
        .map(c -> Optional.of((ControllerRevision) c))
        .recover(
            e -> {
              if (!(e instanceof StoreException se
                  && se.reason() == StoreException.Reason.ALREADY_EXISTS)) {
                return Future.failedFuture(e);
              }
              return store
                  .modify(
                      ObjectKey.of(set),
                      c -> {
                        StatefulSet s = (StatefulSet) c;
                        StatefulSetStatus st = s.status();
                        int count =
                            st == null || st.collisionCount() == null ? 0 : st.collisionCount();
                        return s.withStatus(
                            new StatefulSetStatus(
                                st == null ? null : st.observedGeneration(),
                                st == null ? null : st.replicas(),
                                st == null ? null : st.readyReplicas(),
                                st == null ? null : st.currentReplicas(),
                                st == null ? null : st.updatedReplicas(),
                                st == null ? null : st.availableReplicas(),
                                st == null ? null : st.currentRevision(),
                                st == null ? null : st.updateRevision(),
                                count + 1));
                      })
                  .map(Optional.<ControllerRevision>empty());
            });
  }

  private Future<Void> createAll(List<? extends Resource> objects) {
    List<Future<?>> creates = new ArrayList<>();
    for (Resource r : objects) {
      creates.add(
          store
              .create(r)
              .recover(
                  e ->
                      e instanceof StoreException se
                              && se.reason() == StoreException.Reason.ALREADY_EXISTS
                          ? Future.succeededFuture()
                          : Future.failedFuture(e)));
    }
    return Future.all(creates).mapEmpty();
  }

  private Future<Void> deletePods(List<Pod> pods) {
    List<Future<?>> deletes = new ArrayList<>();
    for (Pod p : pods) {
      deletes.add(PodDeletion.delete(store, p, clock.instant()));
    }
    return Future.all(deletes).mapEmpty();
  }

  private Future<Void> setClaimOwners(StatefulSet set, List<StatefulSetPlan.ClaimOwners> changes) {
    List<Future<?>> writes = new ArrayList<>();
    for (StatefulSetPlan.ClaimOwners c : changes) {
      ObjectKey key =
          new ObjectKey(PersistentVolumeClaim.KIND, set.metadata().namespace(), c.name());
      writes.add(
          ignoreMissing(
              store.modify(
                  key,
                  current ->
                      c.uid().equals(current.metadata().uid())
                          ? current.withMetadata(current.metadata().withOwnerReferences(c.owners()))
                          : current)));
    }
    return Future.all(writes).mapEmpty();
  }

  /** Deletes the oldest revisions past the limit that are neither current, update, nor a pod's. */
  private Future<Void> truncateHistory(
      StatefulSet set,
      List<Pod> pods,
      List<ControllerRevision> history,
      ControllerRevision current,
      ControllerRevision update) {
    Set<String> live = new HashSet<>();
    live.add(current.metadata().name());
    live.add(update.metadata().name());
    pods.forEach(p -> live.add(StatefulPods.revisionOf(p)));
    List<ControllerRevision> old =
        StatefulRevisions.sorted(history).stream()
            .filter(r -> !live.contains(r.metadata().name()))
            .toList();
    int excess = old.size() - set.spec().revisionHistoryLimitOrDefault();
    List<Future<?>> deletes = new ArrayList<>();
    for (int i = 0; i < excess; i++) {
      deletes.add(ignoreMissing(store.delete(ObjectKey.of(old.get(i)))));
    }
    return Future.all(deletes).mapEmpty();
  }

  private Future<Void> writeStatus(ObjectKey key, StatefulSetStatus status) {
    return ignoreMissing(
        store.modify(
            key,
            current -> {
              StatefulSet s = (StatefulSet) current;
              return Objects.equals(s.status(), status) ? current : s.withStatus(status);
            }));
  }

  private static boolean owned(StatefulSet set, Resource object) {
    return PodFacts.controllerOf(object)
        .map(ref -> Objects.equals(set.metadata().uid(), ref.uid()))
        .orElse(false);
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
