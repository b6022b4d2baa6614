package dev.shoal.agent.api;

import dev.shoal.agent.auth.Verb;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /apply}: a multi-document YAML or JSON body, each object created or updated in place
 * (like {@code kubectl apply}). Every document is decoded before anything is written, so a body
 * with one bad document writes nothing and says which document and field is wrong.
 */
final class ApplyHandler {

  private final ResourceService service;

  ApplyHandler(ResourceService service) {
    this.service = service;
  }

  void handle(RoutingContext ctx) {
    try {
      String defaultNamespace =
          ctx.queryParams().contains("namespace") ? ctx.queryParams().get("namespace") : "default";
      List<Decoded> documents = Bodies.manifests(ctx);
      List<ApiPath> paths = new ArrayList<>();
      List<Resource> objects = new ArrayList<>();
      for (int i = 0; i < documents.size(); i++) {
        Decoded.Ok ok = decodedOrExplain(documents.get(i), i);
        Bodies.warn(ctx, ok.warnings());
        Resource object = ok.resource();
        KindInfo kind = ResourceKinds.of(object);
        if (object.metadata() == null
            || object.metadata().name() == null
            || object.metadata().name().isEmpty()) {
          throw inDocument(
              new ApiError(
                  Status.invalid(
                      kind.group(),
                      kind.kind(),
                      null,
                      List.of(
                          FieldError.required(
                                  "metadata.name", "metadata.name is required for apply")
                              .toCause()))),
              i);
        }
        String namespace =
            kind.namespaced()
                ? (object.metadata().namespace() == null
                    ? defaultNamespace
                    : object.metadata().namespace())
                : null;
        ApiPath path = new ApiPath(kind, namespace, null, null);
        try {
          Authentication.authorize(ctx, Verb.CREATE, kind, namespace);
          Authentication.authorize(ctx, Verb.UPDATE, kind, namespace);
          service.precheck(path, object);
        } catch (ApiError e) {
          throw inDocument(e, i);
        }
        paths.add(path);
        objects.add(object);
      }
      dryRun(paths, objects)
          .compose(ok -> applyInOrder(paths, objects))
          .onComplete(
              done -> {
                if (done.failed()) {
                  Replies.fail(ctx, done.cause());
                  return;
                }
                List<Map<String, Object>> results = done.result();
                int code =
                    results.stream()
                        .map(r -> (Integer) r.getOrDefault("code", 200))
                        .max(Integer::compare)
                        .orElse(200);
                Replies.json(ctx, code, Map.of("kind", "ApplyResult", "items", results));
              });
    } catch (RuntimeException e) {
      Replies.fail(ctx, e);
    }
  }

  /**
   * Checks every document before anything is written, so a refused body writes nothing: its
   * namespace exists or an earlier document makes it, and writing it would be admitted ({@link
   * ResourceService#dryRunApply}).
   */
  private Future<Void> dryRun(List<ApiPath> paths, List<Resource> objects) {
    Set<String> madeEarlier = new HashSet<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < paths.size(); i++) {
      ApiPath path = paths.get(i);
      Resource object = objects.get(i);
      int index = i;
      boolean namespaceInBody = path.namespace() != null && madeEarlier.contains(path.namespace());
      if (path.kind().kind().equals(Namespace.KIND)) {
        madeEarlier.add(object.metadata().name());
      }
      Future<Boolean> namespaceStored =
          path.namespace() == null
              ? Future.succeededFuture(true)
              : service
                  .store()
                  .get(new ObjectKey(Namespace.KIND, "", path.namespace()))
                  .map(true)
                  .recover(
                      failure ->
                          isNotFound(failure)
                              ? Future.succeededFuture(false)
                              : Future.failedFuture(failure));
      chain =
          chain
              .compose(ok -> namespaceStored)
              .compose(
                  stored -> {
                    if (stored) {
                      return service.dryRunApply(path, object);
                    }
                    // A namespace this body makes holds nothing yet: only the create checks (done)
                    // apply.
                    return namespaceInBody
                        ? Future.<Void>succeededFuture()
                        : Future.<Void>failedFuture(
                            new ApiError(Status.notFound("", "namespaces", path.namespace())));
                  })
              .recover(
                  failure ->
                      Future.failedFuture(
                          failure instanceof ApiError e ? inDocument(e, index) : failure));
    }
    return chain;
  }

  private static boolean isNotFound(Throwable failure) {
    return failure instanceof StoreException e && e.reason() == StoreException.Reason.NOT_FOUND;
  }

  /** Applies one object after the other (namespaces before what they hold), reporting each. */
  private Future<List<Map<String, Object>>> applyInOrder(
      List<ApiPath> paths, List<Resource> objects) {
    List<Map<String, Object>> results = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < objects.size(); i++) {
      ApiPath path = paths.get(i);
      Resource object = objects.get(i);
      chain =
          chain.compose(
              ignored ->
                  service
                      .apply(path, object)
                      .transform(
                          done -> {
                            Map<String, Object> result = new LinkedHashMap<>();
                            result.put("kind", path.kind().kind());
                            if (path.namespace() != null) {
                              result.put("namespace", path.namespace());
                            }
                            result.put("name", object.metadata().name());
                            if (done.succeeded()) {
                              result.put("action", done.result().action().name());
                              result.put(
                                  "resourceVersion",
                                  done.result().object().metadata().resourceVersion());
                            } else {
                              Status status = Errors.statusOf(done.cause());
                              result.put("code", status.code());
                              result.put("status", status);
                            }
                            results.add(result);
                            return Future.succeededFuture();
                          }));
    }
    return chain.map(results);
  }

  private static Decoded.Ok decodedOrExplain(Decoded decoded, int index) {
    try {
      return Bodies.ok(decoded);
    } catch (ApiError e) {
      throw inDocument(e, index);
    }
  }

  private static ApiError inDocument(ApiError e, int index) {
    Status status = e.status();
    return new ApiError(
        new Status(
            status.status(),
            "document " + index + ": " + status.message(),
            status.reason(),
            status.details(),
            status.code()));
  }
}
