package dev.shoal.agent.controllers.batch;

import dev.shoal.agent.store.StoreException;
import io.vertx.core.Future;

/**
 * The outcomes of a controller's writes that are not failures: the object is gone, or is there
 * already.
 */
final class StoreWrites {

  private StoreWrites() {}

  static boolean is(Throwable e, StoreException.Reason reason) {
    return e instanceof StoreException se && se.reason() == reason;
  }

  /** A write whose object went meanwhile has nothing left to do. */
  static Future<Void> ignoreMissing(Future<?> write) {
    return write
        .<Void>mapEmpty()
        .recover(
            e ->
                is(e, StoreException.Reason.NOT_FOUND)
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  /** A create refused because the name is taken: someone (another leader) made it already. */
  static Future<Boolean> createdOrExists(Future<?> create) {
    return create
        .map(true)
        .recover(
            e ->
                is(e, StoreException.Reason.ALREADY_EXISTS)
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(e));
  }
}
