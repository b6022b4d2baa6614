package dev.shoal.agent.control;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' finalizers: an object that names any is not removed by a delete but gets a {@code
 * deletionTimestamp}, and goes once a write has taken its last finalizer away. Pods keep their own
 * graceful deletion (the node removes them).
 */
public final class Finalizers {

  private Finalizers() {}

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
