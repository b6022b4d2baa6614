package dev.shoal.agent.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shoal.agent.api.protobuf.ProtobufBody;
import dev.shoal.agent.api.protobuf.ProtobufBodyException;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Job;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;

/**
 * A DELETE's {@code meta/v1 DeleteOptions}, from its body (JSON or protobuf, what kubectl sends)
 * and its query parameters (which win): {@code gracePeriodSeconds}, {@code propagationPolicy} (or
 * the older {@code orphanDependents}), {@code preconditions} and {@code dryRun}.
 */
record DeleteOptions(
    Long gracePeriodSeconds,
    Propagation propagation,
    String uid,
    String resourceVersion,
    boolean dryRun) {

  /** How dependents (objects whose ownerReferences name the deleted one) are treated. */
  enum Propagation {
    /** The object goes now; the garbage collector removes its dependents after. */
    Background,
    /** The object stays, being deleted, until its blocking dependents are gone. */
    Foreground,
    /** Dependents lose their reference to the object and stay. */
    Orphan
  }

  static DeleteOptions of(RoutingContext ctx) {
    JsonNode body = body(ctx);
    Long grace = longValue(body, "gracePeriodSeconds");
    String policy = text(body.path("propagationPolicy"));
    JsonNode orphan = body.path("orphanDependents");
    boolean dryRun = body.path("dryRun").isArray() && !body.path("dryRun").isEmpty();
    String query = ctx.queryParams().get("gracePeriodSeconds");
    if (query != null && !query.isEmpty()) {
      grace = parseGrace(query);
    }
    if (ctx.queryParams().contains("propagationPolicy")) {
      policy = ctx.queryParams().get("propagationPolicy");
    }
    if (ctx.queryParams().contains("orphanDependents")) {
      orphan =
          Json.mapper()
              .getNodeFactory()
              .booleanNode("true".equals(ctx.queryParams().get("orphanDependents")));
    }
    dryRun = dryRun || WriteOptions.of(ctx).dryRun();
    if (policy != null && !policy.isEmpty() && orphan.isBoolean()) {
      throw invalid(
          "propagationPolicy", "orphanDependents and deletionPropagation cannot be both set");
    }
    Propagation propagation = null;
    if (policy != null && !policy.isEmpty()) {
      try {
        propagation = Propagation.valueOf(policy);
      } catch (IllegalArgumentException e) {
        throw invalid(
            "propagationPolicy",
            "Unsupported value: \""
                + policy
                + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
      }
    } else if (orphan.isBoolean()) {
      propagation = orphan.booleanValue() ? Propagation.Orphan : Propagation.Background;
    }
    JsonNode preconditions = body.path("preconditions");
    return new DeleteOptions(
        grace,
        propagation,
        text(preconditions.path("uid")),
        text(preconditions.path("resourceVersion")),
        dryRun);
  }

  /** The same options with no body: a grace period alone (for internal deletes). */
  static DeleteOptions grace(Long gracePeriodSeconds) {
    return new DeleteOptions(gracePeriodSeconds, null, null, null, false);
  }

  /**
   * The policy that applies: the one asked for, else the kind's default, which is Background but
   * for batch/v1 Jobs, whose pods upstream keeps unless told otherwise.
   */
  Propagation propagationFor(KindInfo kind) {
    if (propagation != null) {
      return propagation;
    }
    return kind.kind().equals(Job.KIND) ? Propagation.Orphan : Propagation.Background;
  }

  /** A 409 when the object is not the one the preconditions name. */
  void checkPreconditions(ObjectKey key, Resource stored) {
    if (uid != null && !uid.isEmpty() && !uid.equals(stored.metadata().uid())) {
      throw conflict(
          key, "UID in precondition: " + uid + ", UID in object meta: " + stored.metadata().uid());
    }
    if (resourceVersion != null
        && !resourceVersion.isEmpty()
        && !resourceVersion.equals(stored.metadata().resourceVersion())) {
      throw conflict(
          key,
          "ResourceVersion in precondition: "
              + resourceVersion
              + ", ResourceVersion in object meta: "
              + stored.metadata().resourceVersion());
    }
  }

  private static ApiError conflict(ObjectKey key, String why) {
    return new ApiError(
        Status.conflict(
            "",
            key.kind().toLowerCase(java.util.Locale.ROOT),
            key.name(),
            "Precondition failed: " + why));
  }

  private static ApiError invalid(String field, String message) {
    return new ApiError(
        Status.invalid(
            "meta.k8s.io",
            "DeleteOptions",
            null,
            List.of(FieldError.invalid(field, message).toCause())));
  }

  private static JsonNode body(RoutingContext ctx) {
    byte[] bytes =
        ctx.body() == null || ctx.body().buffer() == null
            ? new byte[0]
            : ctx.body().buffer().getBytes();
    if (bytes.length == 0) {
      return Json.mapper().createObjectNode();
    }
    String type = ctx.request().getHeader("Content-Type");
    try {
      JsonNode tree =
          type != null && type.startsWith(ProtobufBody.MEDIA_TYPE)
              ? ProtobufBody.decode(bytes)
              : Json.mapper().readTree(bytes);
      if (!tree.isObject()) {
        throw ApiError.badRequest("the body of a DELETE must be a DeleteOptions object");
      }
      return tree;
    } catch (ProtobufBodyException e) {
      throw ApiError.badRequest("the protobuf body could not be decoded: " + e.getMessage());
    } catch (IOException e) {
      throw ApiError.badRequest("the DeleteOptions are not valid JSON: " + e.getMessage());
    }
  }

  private static Long longValue(JsonNode body, String field) {
    JsonNode value = body.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      throw ApiError.badField(field, field + " must be a whole number, not " + value);
    }
    if (value.longValue() < 0) {
      throw ApiError.badField(field, field + " must not be negative");
    }
    return value.longValue();
  }

  private static long parseGrace(String value) {
    try {
      long parsed = Long.parseLong(value);
      if (parsed < 0) {
        throw ApiError.badRequest("gracePeriodSeconds must not be negative");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("gracePeriodSeconds must be a whole number, not \"" + value + "\"");
    }
  }

  private static String text(JsonNode value) {
    return value.isTextual() ? value.textValue() : null;
  }
}
