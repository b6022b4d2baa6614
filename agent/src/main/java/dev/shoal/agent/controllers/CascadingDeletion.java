package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Finalizers;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishes the deletion of an owner that holds one of {@link Finalizers}' finalizers, as upstream's
 * garbage collector does. {@code orphan}: every dependent loses its references to the owner, then
 * the finalizer goes. {@code foregroundDeletion}: every dependent is deleted (one that owns
 * dependents itself in the foreground too, so a Deployment's pods go before its ReplicaSets), and
 * the finalizer goes once no dependent with {@code blockOwnerDeletion} is left. An owner whose last
 * finalizer is gone is deleted. Each pass re-reads the store, so a pass cut short is redone by the
 * next.
 */
final class CascadingDeletion {

  private final ClusterStore store;
  private final Clock clock;

  CascadingDeletion(ClusterStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Future<Void> finish(Resource owner) {
    String uid = owner.metadata().uid();
    return dependents(owner)
        .compose(
            dependents -> {
              if (Finalizers.has(owner, Finalizers.ORPHAN)) {
                List<Future<Resource>> orphaned = new ArrayList<>();
                for (Resource dependent : dependents) {
                  orphaned.add(store.modify(ObjectKey.of(dependent), d -> withoutRefTo(d, uid)));
                }
                return Future.all(orphaned).compose(done -> release(owner, Finalizers.ORPHAN));
              }
              List<Future<?>> deletions = new ArrayList<>();
              boolean blocked = false;
              for (Resource dependent : dependents) {
                blocked |= blocks(dependent, uid);
                if (dependent.metadata().deletionTimestamp() == null) {
                  deletions.add(delete(dependent));
                }
              }
              return blocked
                  ? Future.all(deletions).<Void>mapEmpty() // the dependents' DELETED events wake us
                  : release(owner, Finalizers.FOREGROUND);
            });
  }

  /** Objects of the dependent kinds in the owner's namespace whose references name its uid. */
  private Future<List<Resource>> dependents(Resource owner) {
    String uid = owner.metadata().uid();
    List<Future<ClusterStore.Listing>> listings = new ArrayList<>();
    for (String kind : GarbageCollector.DEPENDENT_KINDS) {
      listings.add(store.list(kind, owner.metadata().namespace()));
    }
    return Future.all(listings)
        .map(
            done -> {
              List<Resource> found = new ArrayList<>();
              for (Future<ClusterStore.Listing> listing : listings) {
                for (Resource item : listing.result().items()) {
                  if (refTo(item, uid) != null) {
                    found.add(item);
                  }
                }
              }
              return found;
            });
  }

  private Future<?> delete(Resource dependent) {
    ObjectKey key = ObjectKey.of(dependent);
    String uid = dependent.metadata().uid();
    if (Finalizers.OWNER_KINDS.contains(dependent.kind())) {
      return store.modify(
          key,
          d ->
              uid.equals(d.metadata().uid())
                  ? Finalizers.markDeleting(
                      d, Finalizers.FOREGROUND, clock.instant().truncatedTo(ChronoUnit.SECONDS))
                  : d);
    }
    return store
        .get(key)
        .compose(d -> uid.equals(d.metadata().uid()) ? store.delete(key) : Future.succeededFuture())
        .recover(CascadingDeletion::goneIsDone);
  }

  /** Drops {@code finalizer}; deletes the owner when it was the last one. */
  private Future<Void> release(Resource owner, String finalizer) {
    return Finalizers.remove(store, ObjectKey.of(owner), owner.metadata().uid(), finalizer)
        .<Void>mapEmpty()
        .recover(CascadingDeletion::goneIsDone);
  }

  private static boolean blocks(Resource dependent, String ownerUid) {
    OwnerReference ref = refTo(dependent, ownerUid);
    return ref != null && Boolean.TRUE.equals(ref.blockOwnerDeletion());
  }

  private static OwnerReference refTo(Resource dependent, String ownerUid) {
    List<OwnerReference> refs = dependent.metadata().ownerReferences();
    if (refs == null) {
      return null;
    }
    return refs.stream().filter(r -> ownerUid.equals(r.uid())).findFirst().orElse(null);
  }

  private static Resource withoutRefTo(Resource dependent, String ownerUid) {
    if (refTo(dependent, ownerUid) == null) {
      return dependent;
    }
    List<OwnerReference> kept = new ArrayList<>(dependent.metadata().ownerReferences());
    kept.removeIf(r -> ownerUid.equals(r.uid()));
    return dependent.withMetadata(
        dependent.metadata().withOwnerReferences(kept.isEmpty() ? null : kept));
  }

  private static <T> Future<T> goneIsDone(Throwable failure) {
    return failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND
        ? Future.succeededFuture()
        : Future.failedFuture(failure);
  }
}
