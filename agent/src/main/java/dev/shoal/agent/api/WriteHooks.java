package dev.shoal.agent.api;

import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;

/**
 * Kind-specific steps around API writes, after admission: a Service gets its ClusterIP and node
 * ports claimed before it is stored and released after it is deleted. Refusals fail the future with
 * an {@link ApiError}.
 */
public interface WriteHooks {

  /** Nothing to do for any kind. */
  WriteHooks NONE = new WriteHooks() {};

  /** The object to store for a create, e.g. with addresses assigned. */
  default Future<Resource> beforeCreate(Resource admitted) {
    return Future.succeededFuture(admitted);
  }

  /** Undoes {@link #beforeCreate} when the create did not land (say the name was taken). */
  default Future<Void> createFailed(Resource prepared) {
    return Future.succeededFuture();
  }

  /**
   * The object to store for an update: what the update may leave out is carried over from {@code
   * stored}.
   */
  default Resource beforeUpdate(Resource stored, Resource incoming) {
    return incoming;
  }

  /** After an object is gone from the store. */
  default Future<Void> afterDelete(Resource deleted) {
    return Future.succeededFuture();
  }
}
