package dev.shoal.agent.controllers.stateful;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.Pod;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A stateful pod is deleted as the API deletes one: a pod running on a node gets a
 * deletionTimestamp and its grace period, and its node removes the object once its containers have
 * stopped, so the pod of the same name is only made again after the old one is gone; a pod on no
 * node, or finished, goes at once. Only the pod examined (same uid) is touched.
 */
final class PodDeletion {

  private PodDeletion() {}

  static Future<Void> delete(ClusterStore store, Pod pod, Instant now) {
    ObjectKey key = ObjectKey.of(pod);
    String uid = pod.metadata().uid();
    Future<?> done;
    if (PodFacts.isBound(pod) && !PodFacts.isTerminal(pod)) {
      done =
          store.modify(
              key,
              current -> {
                if (!uid.equals(current.metadata().uid()) || PodFacts.isDeleting(current)) {
                  return current;
                }
                Pod p = (Pod) current;
                long grace =
                    p.spec().terminationGracePeriodSeconds() == null
                        ? 30
                        : p.spec().terminationGracePeriodSeconds();
                return p.withMetadata(
                    p.metadata()
                        .withDeletion(
                            now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(grace), grace));
              });
    } else {
      done =
          store
              .get(key)
              .compose(
                  current ->
                      uid.equals(current.metadata().uid())
                          ? store.delete(key)
                          : Future.succeededFuture(current));
    }
    return done.<Void>mapEmpty()
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }
}
