package dev.shoal.agent.control;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.CronJob;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' finalizers. An object that names any is not removed by a delete but gets a {@code
 * deletionTimestamp}, and goes once a write has taken its last finalizer away (pods keep their own
 * graceful deletion: the node removes them). Two of them belong to cascading deletion, as upstream
 * names them: {@code orphan} (the garbage collector strips the object's dependents of their
 * references to it, then lets it go) and {@code foregroundDeletion} (it deletes the dependents
 * first); the API sets one with the object's deletionTimestamp, the garbage collector removes it.
 */
public final class Finalizers {

  private Finalizers() {}

  public static final String ORPHAN = "orphan";
  public static final String FOREGROUND = "foregroundDeletion";

  /** The kinds that own dependents through ownerReferences, which the collector watches. */
  public static final Set<String> OWNER_KINDS =
      Set.of(Deployment.KIND, ReplicaSet.KIND, DaemonSet.KIND, Job.KIND, CronJob.KIND);

  public static boolean has(Resource object, String finalizer) {
    List<String> finalizers = object.metadata().finalizers();
    return finalizers != null && finalizers.contains(finalizer);
  }

  /** Whether the object is being deleted and holds a finalizer the collector works on. */
  public static boolean awaitsCollector(Resource object) {
    return object.metadata().deletionTimestamp() != null
        && (has(object, ORPHAN) || has(object, FOREGROUND));
  }

  /**
   * The object with {@code finalizer} added and, unless it is already being deleted, a
   * deletionTimestamp of {@code now}; the same instance when there is nothing to change.
   */
  public static Resource markDeleting(Resource object, String finalizer, Instant now) {
    boolean deleting = object.metadata().deletionTimestamp() != null;
    if (deleting && has(object, finalizer)) {
      return object;
    }
    List<String> finalizers =
        new ArrayList<>(
            object.metadata().finalizers() == null ? List.of() : object.metadata().finalizers());
    if (!finalizers.contains(finalizer)) {
      finalizers.add(finalizer);
    }
    var meta = object.metadata().withFinalizers(finalizers);
    return object.withMetadata(deleting ? meta : meta.withDeletion(now, 0L));
  }

  /** Whether a delete of {@code stored} must wait for its finalizers. */
  public static boolean holdDeletion(Resource stored) {
    return !(stored instanceof Pod) && !stored.metadata().finalizersOrEmpty().isEmpty();
  }

  /** Marks the object deleting (once: an earlier mark is kept) and answers it as stored. */
  public static Future<Resource> markDeleting(ClusterStore store, ObjectKey key, Instant now) {
    return store.modify(
        key,
        current -> {
          ObjectMeta meta = current.metadata();
          if (meta.deletionTimestamp() != null || !holdDeletion(current)) {
            return current;
          }
          return current.withMetadata(meta.withDeletion(now.truncatedTo(ChronoUnit.SECONDS), 0L));
        });
  }

  /**
   * After a write: an object marked deleting whose finalizers are all gone is removed now; answers
   * the object as written.
   */
  public static Future<Resource> finishIfDone(ClusterStore store, Resource written) {
    if (written instanceof Pod
        || written.metadata().deletionTimestamp() == null
        || !written.metadata().finalizersOrEmpty().isEmpty()) {
      return Future.succeededFuture(written);
    }
    return store
        .delete(ObjectKey.of(written))
        .map(written)
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture(written)
                    : Future.failedFuture(e));
  }

  /**
   * Takes {@code finalizer} off the object (if it is the same object), then finishes its deletion.
   */
  public static Future<Resource> remove(
      ClusterStore store, ObjectKey key, String uid, String finalizer) {
    return store
        .modify(
            key,
            current -> {
              ObjectMeta meta = current.metadata();
              if (!uid.equals(meta.uid()) || !meta.finalizersOrEmpty().contains(finalizer)) {
                return current;
              }
              List<String> rest = new ArrayList<>(meta.finalizersOrEmpty());
              rest.remove(finalizer);
              return current.withMetadata(meta.withFinalizers(rest));
            })
        .compose(written -> finishIfDone(store, written));
  }
}
