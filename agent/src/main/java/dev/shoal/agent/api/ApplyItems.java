package dev.shoal.agent.api;

import dev.shoal.agent.auth.Verb;
import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.model.StatusCause;
import dev.shoal.manifests.model.StatusDetails;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents of one {@code POST /apply} (the items of a List or the documents of a
 * multi-document YAML, counted together from 0), each decoded, placed, authorized, defaulted and
 * validated as a create, and checked against the others: two documents naming the same object are
 * refused, since the second would silently replace the first. The checks that need the store are
 * {@link ApplyHandler}'s. A refusal names the document, in the message ({@code document 1: ...})
 * and in every cause's field ({@code items[1].spec...}).
 */
final class ApplyItems {

  /** One document to write: its index in the body, where it goes, and the object. */
  record Item(int index, ApiPath path, Resource object) {}

  private ApplyItems() {}

  /**
   * Every document of the body, or the {@link ApiError} of the first one that cannot be applied.
   */
  static List<Item> read(RoutingContext ctx, ResourceService service) {
    String defaultNamespace =
        ctx.queryParams().contains("namespace") ? ctx.queryParams().get("namespace") : "default";
    List<Decoded> documents = Bodies.manifests(ctx);
    List<Item> items = new ArrayList<>();
    Map<String, Integer> firstIndexByObject = new HashMap<>();
    for (int i = 0; i < documents.size(); i++) {
      try {
        Item item = checked(ctx, service, documents.get(i), i, defaultNamespace);
        Integer earlier = firstIndexByObject.putIfAbsent(identity(item), i);
        if (earlier != null) {
          throw duplicate(item, earlier);
        }
        items.add(item);
      } catch (ApiError e) {
        throw inItem(e, i);
      }
    }
    return items;
  }

  private static Item checked(
      RoutingContext ctx,
      ResourceService service,
      Decoded decoded,
      int index,
      String defaultNamespace) {
    Decoded.Ok ok = Bodies.ok(decoded);
    Bodies.warn(ctx, ok.warnings());
    Resource object = ok.resource();
    KindInfo kind = ResourceKinds.of(object);
    if (object.metadata() == null
        || object.metadata().name() == null
        || object.metadata().name().isEmpty()) {
      throw new ApiError(
          Status.invalid(
              kind.group(),
              kind.kind(),
              null,
              List.of(
                  FieldError.required("metadata.name", "metadata.name is required for apply")
                      .toCause())));
    }
    String namespace =
        kind.namespaced()
            ? (object.metadata().namespace() == null
                ? defaultNamespace
                : object.metadata().namespace())
            : null;
    ApiPath path = new ApiPath(kind, namespace, null, null);
    Authentication.authorize(ctx, Verb.CREATE, kind, namespace);
    Authentication.authorize(ctx, Verb.UPDATE, kind, namespace);
    service.precheck(path, object);
    return new Item(index, path, object);
  }

  /** Kind, namespace and name: what makes two documents the same object. */
  private static String identity(Item item) {
    return item.path().kind().kind()
        + "/"
        + (item.path().namespace() == null ? "" : item.path().namespace())
        + "/"
        + item.object().metadata().name();
  }

  private static ApiError duplicate(Item item, int earlier) {
    KindInfo kind = item.path().kind();
    String name = item.object().metadata().name();
    return new ApiError(
        Status.invalid(
            kind.group(),
            kind.kind(),
            name,
            List.of(
                FieldError.duplicate(
                        "metadata.name",
                        "\""
                            + name
                            + "\": document "
                            + earlier
                            + " of this request already applies this "
                            + kind.kind()
                            + "; give each object once")
                    .toCause())));
  }

  /**
   * The refusal of document {@code index}: its message starts with {@code document N: } and every
   * cause's field with {@code items[N]} (decoding already prefixes the items of a List).
   */
  static ApiError inItem(ApiError e, int index) {
    Status status = e.status();
    StatusDetails details = status.details();
    String prefix = "items[" + index + "]";
    if (details != null && details.causes() != null) {
      details =
          new StatusDetails(
              details.name(),
              details.group(),
              details.kind(),
              details.causes().stream().map(cause -> prefixed(prefix, cause)).toList(),
              details.retryAfterSeconds());
    }
    return new ApiError(
        new Status(
            status.status(),
            "document " + index + ": " + status.message(),
            status.reason(),
            details,
            status.code()));
  }

  private static StatusCause prefixed(String prefix, StatusCause cause) {
    String field = cause.field();
    if (field != null && field.startsWith("items[")) {
      return cause; // an item of a List, already named by the decoder
    }
    return new StatusCause(
        cause.reason(),
        cause.message(),
        field == null || field.isEmpty()
            ? prefix
            : field.startsWith("[") ? prefix + field : prefix + "." + field);
  }
}
