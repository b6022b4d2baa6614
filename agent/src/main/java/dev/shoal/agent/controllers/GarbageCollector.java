package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.Finalizers;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.ControllerRevision;
import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.StatefulSet;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Background cascading deletion through ownerReferences: a dependent whose owners are all gone (no
 * object under the owner's name, or one with another uid) is deleted; references to some gone
 * owners are dropped while others remain. Deleting a Deployment thus removes its ReplicaSets, whose
 * deletion removes their Pods; deleting a CronJob removes its Jobs, and a Job its Pods; a
 * StatefulSet its Pods, ControllerRevisions and (by its retention policy) claims. A dependent that
 * holds finalizers is marked deleting instead. Keys are dependents; an owner's DELETED event wakes
 * its dependents through an index of owner uid to dependent keys kept from the watch. An owner
 * deleted with propagationPolicy Orphan or Foreground (the {@code orphan} or {@code
 * foregroundDeletion} finalizer) is finished by {@link CascadingDeletion}; a dependent's deletion
 * wakes its owners for that.
 */
public final class GarbageCollector implements Controller {

  /** Kinds that may have owners, and kinds that may own. */
  static final List<String> DEPENDENT_KINDS =
      List.of(
          Pod.KIND, ReplicaSet.KIND, Job.KIND, PersistentVolumeClaim.KIND, ControllerRevision.KIND);

  private final ClusterStore store;
  private final Clock clock;
  private final Map<String, Set<ObjectKey>> dependentsByOwnerUid = new ConcurrentHashMap<>();
  private final Map<ObjectKey, List<String>> ownerUidsByDependent = new ConcurrentHashMap<>();

  public GarbageCollector(ClusterStore store) {
    this(store, Clock.systemUTC());
  }

  /** {@code clock} stamps the deletionTimestamp of dependents deleted in the foreground. */
  public GarbageCollector(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "garbagecollector";
  }

  @Override
  public List<Watched> watches() {
    return List.of(
        new Watched(Pod.KIND, this::onReplicaSet),
        new Watched(PersistentVolumeClaim.KIND, this::onDependent),
        new Watched(ControllerRevision.KIND, this::onDependent),
        new Watched(StatefulSet.KIND, this::onOwner),
        new Watched(ReplicaSet.KIND, this::onReplicaSet),
        new Watched(Deployment.KIND, this::onOwner),
        new Watched(DaemonSet.KIND, this::onOwner),
        new Watched(Job.KIND, this::onReplicaSet),
        new Watched(CronJob.KIND, this::onOwner));
  }

  @Override
  public List<String> resyncKinds() {
    return DEPENDENT_KINDS;
  }

  /** A kind that is both owned and an owner (ReplicaSet, Job). */
  private Collection<ObjectKey> onReplicaSet(WatchEvent event) {
    List<ObjectKey> keys = new ArrayList<>(onDependent(event));
    keys.addAll(onOwner(event));
    return keys;
  }

  private Collection<ObjectKey> onDependent(WatchEvent event) {
    if (event.type() == WatchEvent.Type.DELETED) {
      index(event.key(), null);
      return ownerKeys(event.object()); // an owner deleted in the foreground may now go
    }
    List<OwnerReference> refs = event.object().metadata().ownerReferences();
    index(event.key(), refs);
    return refs == null || refs.isEmpty() ? List.of() : List.of(event.key());
  }

  private static List<ObjectKey> ownerKeys(Resource dependent) {
    List<OwnerReference> refs = dependent.metadata().ownerReferences();
    if (refs == null) {
      return List.of();
    }
    List<ObjectKey> keys = new ArrayList<>();
    for (OwnerReference ref : refs) {
      if (ref.name() != null && Finalizers.OWNER_KINDS.contains(ref.kind())) {
        keys.add(new ObjectKey(ref.kind(), dependent.metadata().namespace(), ref.name()));
      }
    }
    return keys;
  }

  /**
   * Remembers which owners a dependent names, so an owner's deletion finds it (also fed by sync,
   * for objects listed by a resync).
   */
  private void index(ObjectKey key, List<OwnerReference> refs) {
    List<String> previous = ownerUidsByDependent.remove(key);
    if (previous != null) {
      for (String uid : previous) {
        Set<ObjectKey> set = dependentsByOwnerUid.get(uid);
        if (set != null) {
          set.remove(key);
        }
      }
    }
    if (refs == null || refs.isEmpty()) {
      return;
    }
    List<String> uids = new ArrayList<>();
    for (OwnerReference ref : refs) {
      if (ref.uid() != null) {
        uids.add(ref.uid());
        dependentsByOwnerUid
            .computeIfAbsent(ref.uid(), u -> ConcurrentHashMap.newKeySet())
            .add(key);
      }
    }
    ownerUidsByDependent.put(key, uids);
  }

  private Collection<ObjectKey> onOwner(WatchEvent event) {
    if (event.type() != WatchEvent.Type.DELETED) {
      return Finalizers.awaitsCollector(event.object()) ? List.of(event.key()) : List.of();
    }
    Set<ObjectKey> dependents = dependentsByOwnerUid.remove(event.object().metadata().uid());
    return dependents == null ? List.of() : List.copyOf(dependents);
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(this::collect)
        .recover(
            e -> {
              if (e instanceof StoreException se
                  && se.reason() == StoreException.Reason.NOT_FOUND) {
                if (key.equals(se.key())) {
                  index(key, null);
                }
                return Future.succeededFuture();
              }
              return Future.failedFuture(e);
            });
  }

  private Future<Void> collect(Resource object) {
    return (Finalizers.awaitsCollector(object)
            ? new CascadingDeletion(store, clock).finish(object)
            : Future.<Void>succeededFuture())
        .compose(done -> collectIfOrphaned(object));
  }

  private Future<Void> collectIfOrphaned(Resource dependent) {
    List<OwnerReference> refs = dependent.metadata().ownerReferences();
    index(ObjectKey.of(dependent), refs);
    if (refs == null || refs.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Boolean>> checks = new ArrayList<>();
    for (OwnerReference ref : refs) {
      checks.add(ownerExists(dependent.metadata().namespace(), ref));
    }
    return Future.all(checks)
        .compose(
            done -> {
              List<String> goneUids = new ArrayList<>();
              for (int i = 0; i < refs.size(); i++) {
                if (!checks.get(i).result()) {
                  goneUids.add(refs.get(i).uid());
                }
              }
              if (goneUids.isEmpty()) {
                return Future.succeededFuture();
              }
              ObjectKey key = ObjectKey.of(dependent);
              String uid = dependent.metadata().uid();
              if (goneUids.size() == refs.size()) {
                // Delete only the object we examined, not a namesake created since.
                return store
                    .get(key)
                    .compose(
                        current ->
                            !uid.equals(current.metadata().uid())
                                ? Future.succeededFuture()
                                : Finalizers.holdDeletion(current)
                                    ? Finalizers.markDeleting(store, key, Instant.now()).mapEmpty()
                                    : store.delete(key).mapEmpty());
              }
              return store
                  .modify(
                      key,
                      current -> {
                        if (!uid.equals(current.metadata().uid())) {
                          return current;
                        }
                        List<OwnerReference> kept =
                            new ArrayList<>(current.metadata().ownerReferences());
                        kept.removeIf(r -> goneUids.contains(r.uid()));
                        return current.withMetadata(current.metadata().withOwnerReferences(kept));
                      })
                  .mapEmpty();
            });
  }

  /** True when an object of the reference's kind and name exists with the referenced uid. */
  private Future<Boolean> ownerExists(String namespace, OwnerReference ref) {
    Optional<KindInfo> kind = ResourceKinds.byKind(ref.kind());
    if (kind.isEmpty() || ref.name() == null) {
      return Future.succeededFuture(
          true); // a kind this store does not hold: never collect on its account
    }
    ObjectKey owner =
        new ObjectKey(ref.kind(), kind.get().namespaced() ? namespace : "", ref.name());
    return store
        .get(owner)
        .map(found -> ref.uid() == null || ref.uid().equals(found.metadata().uid()))
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(e));
  }
}
