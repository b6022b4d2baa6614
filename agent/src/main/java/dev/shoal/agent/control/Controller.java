package dev.shoal.agent.control;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A level-triggered reconcile loop: {@link #sync} re-reads the current state of one key and acts on
 * the difference with the desired state. Watch handlers ({@link #watches}) only turn events into
 * keys.
 */
public interface Controller {

  /** Short name for logs and metrics. */
  String name();

  /**
   * The kinds to watch and, for each event, the keys it makes dirty. Handlers must not block or
   * write.
   */
  List<Watched> watches();

  /** Kinds whose every object is enqueued on start and on each periodic resync. */
  List<String> resyncKinds();

  /** Reconciles one key; a failed future requeues it with back-off. */
  Future<Void> sync(ObjectKey key);

  /**
   * Called once by the runner before the first event, for controllers that requeue keys themselves.
   */
  default void attach(WorkQueue<ObjectKey> queue) {}

  /**
   * Reads {@code key} and hands the stored object to {@code reconcile}; a key whose object is gone
   * (deleted since it was queued) is done. The usual body of {@link #sync}.
   */
  static <T extends Resource> Future<Void> reconcileStored(
      ClusterStore store, ObjectKey key, Class<T> type, Function<T, Future<Void>> reconcile) {
    return store
        .get(key)
        .compose(found -> reconcile.apply(type.cast(found)))
        .recover(
            e ->
                e instanceof StoreException se
                        && se.reason() == StoreException.Reason.NOT_FOUND
                        && key.equals(se.key())
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  /** One watched kind and how its events map to keys of this controller. */
  record Watched(String kind, Function<WatchEvent, Collection<ObjectKey>> keys) {}
}
