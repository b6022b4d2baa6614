package dev.shoal.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.agent.api.protobuf.ProtobufBody;
import dev.shoal.agent.api.protobuf.ProtobufBodyException;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.Result;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.patch.PatchException;
import dev.shoal.manifests.patch.PatchType;
import dev.shoal.manifests.patch.Patches;
import dev.shoal.manifests.selectors.Selector;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The {@code scale} subresource ({@code autoscaling/v1 Scale}) of the kinds in {@link Scalable}:
 * GET, PUT and PATCH (JSON, merge or strategic merge patch applied to the Scale). A write changes
 * only the owner's {@code spec.replicas}, in a read-modify-write of the owner; a Scale that names a
 * {@code resourceVersion} other than the owner's is a 409 (kubectl's {@code --current-replicas} and
 * {@code --resource-version} rely on it).
 */
final class ScaleSubresource {

  static final String API_VERSION = "autoscaling/v1";
  static final String KIND = "Scale";

  /** The Scale's fields, for the strategic merge patch (Scale has no lists to merge by key). */
  record Shape(
      String apiVersion,
      String kind,
      ObjectMeta metadata,
      Map<String, Object> spec,
      Map<String, Object> status) {}

  private final ResourceService service;

  ScaleSubresource(ResourceService service) {
    this.service = service;
  }

  void handle(RoutingContext ctx, ApiPath path) {
    Scalable scalable = Scalable.of(path.kind().kind()).orElseThrow();
    switch (ctx.request().method().name()) {
      case "GET" -> reply(ctx, service.get(path).map(owner -> scale(scalable, owner)));
      case "PUT" -> {
        JsonNode body = body(ctx);
        write(ctx, path, scalable, current -> body);
      }
      case "PATCH" -> {
        PatchType type = Bodies.patchType(ctx);
        byte[] patch = Bodies.patchBody(ctx);
        write(ctx, path, scalable, current -> patched(current, type, patch));
      }
      default -> Replies.json(ctx, 405, Status.methodNotAllowed(ctx.request().method().name()));
    }
  }

  /** The owner as its Scale: metadata of the owner, desired and counted replicas, selector. */
  static ObjectNode scale(Scalable scalable, Resource owner) {
    ObjectNode scale = Json.mapper().createObjectNode();
    scale.put("kind", KIND);
    scale.put("apiVersion", API_VERSION);
    ObjectNode meta = scale.putObject("metadata");
    JsonNode ownerMeta = ManifestCodec.toTree(owner).path("metadata");
    for (String field :
        List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (ownerMeta.has(field)) {
        meta.set(field, ownerMeta.get(field));
      }
    }
    scale.putObject("spec").put("replicas", scalable.replicas().apply(owner));
    ObjectNode status = scale.putObject("status");
    Integer counted = scalable.statusReplicas().apply(owner);
    status.put("replicas", counted == null ? 0 : counted);
    Result<Selector> selector = Selector.fromLabelSelector(scalable.selector().apply(owner));
    status.put("selector", selector.isOk() ? selector.value().toString() : "");
    return scale;
  }

  private void write(
      RoutingContext ctx, ApiPath path, Scalable scalable, Function<ObjectNode, JsonNode> change) {
    WriteOptions options = WriteOptions.of(ctx);
    UnaryOperator<Resource> resize =
        stored -> {
          JsonNode next = change.apply(scale(scalable, stored));
          int replicas = replicas(path, next, stored);
          return scalable.withReplicas().apply(stored, replicas);
        };
    Future<Resource> written =
        options.dryRun()
            ? service.dryRunModify(path, false, resize)
            : service.modify(path, false, resize);
    reply(ctx, written.map(owner -> scale(scalable, owner)));
  }

  /**
   * The replicas a new Scale asks for, after checking it against the URL and the owner: kind, name,
   * resourceVersion (409 when stale), {@code spec.replicas} a whole number from 0 (422).
   */
  private static int replicas(ApiPath path, JsonNode next, Resource stored) {
    if (!next.isObject()) {
      throw ApiError.badRequest("a Scale must be a JSON object");
    }
    String kind = next.path("kind").asText("");
    String apiVersion = next.path("apiVersion").asText("");
    if (!kind.isEmpty() && !kind.equals(KIND)
        || !apiVersion.isEmpty() && !apiVersion.equals(API_VERSION)) {
      throw ApiError.badField(
          "kind",
          "the scale subresource takes an "
              + API_VERSION
              + " Scale, not "
              + apiVersion
              + " "
              + kind);
    }
    JsonNode meta = next.path("metadata");
    String name = meta.path("name").asText("");
    if (!name.isEmpty() && !name.equals(path.name())) {
      throw ApiError.badField(
          "metadata.name",
          "the name of the object ("
              + name
              + ") does not match the name in the URL ("
              + path.name()
              + ")");
    }
    String given = meta.path("resourceVersion").asText("");
    String current = stored.metadata().resourceVersion();
    if (!given.isEmpty() && !given.equals(current)) {
      throw StoreException.conflict(ResourceService.key(path), given, current);
    }
    JsonNode replicas = next.path("spec").path("replicas");
    if (replicas.isMissingNode() || replicas.isNull()) {
      return 0; // Scale's spec.replicas is omitempty upstream: absent is 0
    }
    if (!replicas.isIntegralNumber() || !replicas.canConvertToInt()) {
      throw ApiError.badField(
          "spec.replicas", "spec.replicas must be a whole number, not " + replicas);
    }
    if (replicas.intValue() < 0) {
      throw new ApiError(
          Status.invalid(
              "autoscaling",
              KIND,
              path.name(),
              List.of(
                  FieldError.invalid(
                          "spec.replicas",
                          "Invalid value: "
                              + replicas.intValue()
                              + ": must be greater than or equal to 0")
                      .toCause())));
    }
    return replicas.intValue();
  }

  private static JsonNode patched(ObjectNode current, PatchType type, byte[] patch) {
    try {
      return Patches.applyToTree(current, Shape.class, type, patch);
    } catch (PatchException e) {
      throw e.malformed()
          ? ApiError.badRequest("the patch could not be applied: " + e.getMessage())
          : ApiError.badField(e.field(), "the patch could not be applied: " + e.getMessage());
    }
  }

  /** A PUT body: a Scale in JSON (or YAML's JSON subset) or in Kubernetes protobuf. */
  private static JsonNode body(RoutingContext ctx) {
    byte[] bytes =
        ctx.body() == null || ctx.body().buffer() == null
            ? new byte[0]
            : ctx.body().buffer().getBytes();
    String type = ctx.request().getHeader("Content-Type");
    try {
      if (type != null && type.startsWith(ProtobufBody.MEDIA_TYPE)) {
        return ProtobufBody.decode(bytes);
      }
      if (type != null && !type.isEmpty() && !type.startsWith("application/json")) {
        throw new ApiError(Status.unsupportedMediaType(type));
      }
      return Json.mapper().readTree(bytes);
    } catch (ProtobufBodyException e) {
      throw ApiError.badRequest("the protobuf body could not be decoded: " + e.getMessage());
    } catch (IOException e) {
      throw ApiError.badRequest("the Scale is not valid JSON: " + e.getMessage());
    }
  }

  private static void reply(RoutingContext ctx, Future<?> result) {
    result.onComplete(
        done -> {
          if (done.succeeded()) {
            Replies.json(ctx, 200, done.result());
          } else {
            Replies.fail(ctx, done.cause());
          }
        });
  }
}
