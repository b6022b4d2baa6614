package dev.shoal.agent.api;

import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /apply}: a multi-document YAML or JSON body (or a List), each object created or
 * updated in place (like {@code kubectl apply}). Every document is decoded, validated and checked
 * against the store before anything is written ({@link ApplyItems}, then a dry run), so a body with
 * one bad document writes nothing and answers a Status that names the document and field.
 */
final class ApplyHandler {

  private final ResourceService service;

  ApplyHandler(ResourceService service) {
    this.service = service;
  }

  void handle(RoutingContext ctx) {
    try {
      List<ApplyItems.Item> items = ApplyItems.read(ctx, service);
      dryRun(items)
          .compose(ok -> applyInOrder(items))
          .onComplete(
              done -> {
                if (done.failed()) {
                  Replies.fail(ctx, done.cause());
                  return;
                }
                Replies.json(ctx, 200, Map.of("kind", "ApplyResult", "items", done.result()));
              });
    } catch (RuntimeException e) {
      Replies.fail(ctx, e);
    }
  }

  /**
   * Checks every document against the store before anything is written, so a refused body writes
   * nothing: its namespace exists or an earlier document makes it, and writing it would be admitted
   * ({@link ResourceService#dryRunApply}).
   */
  private Future<Void> dryRun(List<ApplyItems.Item> items) {
    Set<String> madeEarlier = new HashSet<>();
    Future<Void> chain = Future.succeededFuture();
    for (ApplyItems.Item item : items) {
      ApiPath path = item.path();
      boolean namespaceInBody = path.namespace() != null && madeEarlier.contains(path.namespace());
      if (path.kind().kind().equals(Namespace.KIND)) {
        madeEarlier.add(item.object().metadata().name());
      }
      chain =
          chain
              .compose(ok -> namespaceStored(path.namespace()))
              .compose(
                  stored -> {
                    if (stored) {
                      return service.dryRunApply(path, item.object());
                    }
                    // A namespace this body makes holds nothing yet: only the create checks (done)
                    // apply.
                    return namespaceInBody
                        ? Future.<Void>succeededFuture()
                        : Future.<Void>failedFuture(
                            new ApiError(Status.notFound("", "namespaces", path.namespace())));
                  })
              .recover(failure -> Future.failedFuture(inItem(failure, item.index())));
    }
    return chain;
  }

  private Future<Boolean> namespaceStored(String namespace) {
    if (namespace == null) {
      return Future.succeededFuture(true);
    }
    return service
        .store()
        .get(new ObjectKey(Namespace.KIND, "", namespace))
        .map(true)
        .recover(
            failure ->
                failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(failure));
  }

  /**
   * Applies one object after the other (namespaces before what they hold), reporting each. A write
   * that fails although its checks passed (another client wrote in between) stops the body there:
   * what the documents before it wrote is taken back ({@link ApplyUndo}) and the answer is the
   * failed document's Status.
   */
  private Future<List<Map<String, Object>>> applyInOrder(List<ApplyItems.Item> items) {
    List<Map<String, Object>> results = new ArrayList<>();
    ApplyUndo undo = new ApplyUndo(service);
    Future<Void> chain = Future.succeededFuture();
    for (ApplyItems.Item item : items) {
      chain =
          chain.compose(
              ignored ->
                  undo.storedBefore(item)
                      .compose(
                          before ->
                              service
                                  .apply(item.path(), item.object())
                                  .map(
                                      applied -> {
                                        undo.wrote(item, before, applied);
                                        results.add(result(item, applied));
                                        return (Void) null;
                                      }))
                      .recover(
                          failure ->
                              undo.run()
                                  .transform(
                                      undone ->
                                          Future.failedFuture(
                                              writeFailed(
                                                  failure,
                                                  item.index(),
                                                  undo.writes(),
                                                  undone.cause())))));
    }
    return chain.map(results);
  }

  private static Map<String, Object> result(ApplyItems.Item item, ResourceService.Applied applied) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("kind", item.path().kind().kind());
    if (item.path().namespace() != null) {
      result.put("namespace", item.path().namespace());
    }
    result.put("name", item.object().metadata().name());
    result.put("action", applied.action().name());
    result.put("resourceVersion", applied.object().metadata().resourceVersion());
    return result;
  }

  private static Throwable inItem(Throwable failure, int index) {
    return failure instanceof ApiError e ? ApplyItems.inItem(e, index) : failure;
  }

  /** The failed document's Status, saying what became of the writes before it. */
  private static ApiError writeFailed(
      Throwable failure, int index, int earlierWrites, Throwable undoFailure) {
    Status status = ApplyItems.inItem(new ApiError(Errors.statusOf(failure)), index).status();
    String written =
        earlierWrites == 0
            ? "nothing was written"
            : undoFailure == null
                ? "the " + earlierWrites + " write(s) of the documents before it were undone"
                : "the documents before it were written, and undoing them failed: "
                    + Errors.statusOf(undoFailure).message();
    return new ApiError(
        new Status(
            status.status(),
            status.message() + " (" + written + "; nothing after it was tried)",
            status.reason(),
            status.details(),
            status.code()));
  }
}
