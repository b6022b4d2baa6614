package dev.shoal.agent.api;

import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What one {@code POST /apply} wrote so far, and how to take it back when a later document's write
 * fails although its checks passed (another client wrote in between): a created object is deleted
 * (at once, no grace period), a configured one gets its spec, labels and annotations from before
 * back. Undone newest first, so what a namespace of the body holds goes before the namespace.
 */
final class ApplyUndo {

  private final ResourceService service;
  private final List<Supplier<Future<?>>> steps = new ArrayList<>();

  ApplyUndo(ResourceService service) {
    this.service = service;
  }

  /** The object stored under the item's name now, or null when there is none. */
  Future<Resource> storedBefore(ApplyItems.Item item) {
    return service
        .get(named(item))
        .recover(
            failure ->
                failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture(null)
                    : Future.failedFuture(failure));
  }

  /** Remembers how to take back what {@code applied} did to the item. */
  void wrote(ApplyItems.Item item, Resource before, ResourceService.Applied applied) {
    switch (applied.action()) {
      case created -> steps.add(() -> service.delete(named(item), 0L).recover(ApplyUndo::gone));
      case configured -> steps.add(() -> service.apply(item.path(), before));
      case unchanged -> {}
    }
  }

  /** How many writes there are to take back. */
  int writes() {
    return steps.size();
  }

  /** Takes every write back, newest first; fails with the first step that failed. */
  Future<Void> run() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = steps.size() - 1; i >= 0; i--) {
      Supplier<Future<?>> step = steps.get(i);
      chain = chain.compose(v -> step.get().mapEmpty());
    }
    return chain;
  }

  private static Future<Resource> gone(Throwable failure) {
    return failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND
        ? Future.succeededFuture(null)
        : Future.failedFuture(failure);
  }

  private static ApiPath named(ApplyItems.Item item) {
    ApiPath path = item.path();
    return new ApiPath(path.kind(), path.namespace(), item.object().metadata().name(), null);
  }
}
