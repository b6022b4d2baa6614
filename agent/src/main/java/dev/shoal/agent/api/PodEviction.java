package dev.shoal.agent.api;

import dev.shoal.agent.api.protobuf.ProtobufBody;
import dev.shoal.agent.api.protobuf.ProtobufBodyException;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.DeleteOptions;
import dev.shoal.manifests.model.Eviction;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * POST {@code /api/v1/namespaces/{ns}/pods/{name}/eviction} with a policy/v1 (or v1beta1) Eviction
 * in JSON or Kubernetes protobuf (kubectl drain's client sends protobuf): reads and checks the
 * body, merges the request's {@code dryRun} into its delete options as upstream does, and answers
 * with what {@link Evictions} decides (201 and a Success Status, 429 when a disruption budget says
 * no).
 */
final class PodEviction {

  /** The kind discovery names for {@code pods/eviction}. */
  static final Map<String, String> RESPONSE_KIND =
      Map.of("group", "policy", "version", "v1", "kind", Eviction.KIND);

  private static final List<String> VERSIONS = List.of("policy/v1", "policy/v1beta1");

  private final Evictions evictions;

  PodEviction(ResourceService service, Clock clock) {
    this.evictions = new Evictions(service, clock);
  }

  void handle(RoutingContext ctx, ApiPath path) {
    Eviction eviction = read(ctx);
    if (eviction.metadata() == null || !path.name().equals(eviction.metadata().name())) {
      throw ApiError.badRequest("name in URL does not match name in Eviction object");
    }
    if (eviction.metadata().namespace() != null
        && !eviction.metadata().namespace().isEmpty()
        && !eviction.metadata().namespace().equals(path.namespace())) {
      throw ApiError.badField(
          "metadata.namespace",
          "the namespace of the object ("
              + eviction.metadata().namespace()
              + ") does not match the namespace of the request ("
              + path.namespace()
              + ")");
    }
    DeleteOptions options = withRequestDryRun(eviction.deleteOptions(), ctx);
    evictions
        .evict(path.namespace(), path.name(), options)
        .onComplete(
            done -> {
              if (done.succeeded()) {
                Replies.json(ctx, 201, done.result());
              } else {
                Replies.fail(ctx, done.cause());
              }
            });
  }

  private static Eviction read(RoutingContext ctx) {
    byte[] body =
        ctx.body() == null || ctx.body().buffer() == null
            ? new byte[0]
            : ctx.body().buffer().getBytes();
    if (body.length == 0) {
      throw ApiError.badRequest("the request body holds no Eviction");
    }
    Eviction eviction;
    try {
      eviction =
          isProtobuf(ctx)
              ? Json.mapper().treeToValue(ProtobufBody.decode(body), Eviction.class)
              : Json.mapper().readValue(body, Eviction.class);
    } catch (IOException | ProtobufBodyException e) {
      throw ApiError.badRequest("the Eviction could not be decoded: " + e.getMessage());
    }
    if (eviction == null || !Eviction.KIND.equals(eviction.kind())) {
      throw ApiError.badField("kind", "the body of pods/eviction must be an Eviction");
    }
    if (!VERSIONS.contains(eviction.apiVersion())) {
      throw ApiError.badField(
          "apiVersion",
          "an Eviction is policy/v1 or policy/v1beta1, not \"" + eviction.apiVersion() + "\"");
    }
    return eviction;
  }

  /** kubectl's client sends the Eviction as Kubernetes protobuf. */
  private static boolean isProtobuf(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null
        && type.toLowerCase(java.util.Locale.ROOT).startsWith(ProtobufBody.MEDIA_TYPE);
  }

  /** The request's {@code ?dryRun=All} and the body's must agree where both are given. */
  private static DeleteOptions withRequestDryRun(DeleteOptions options, RoutingContext ctx) {
    List<String> asked = ctx.queryParams().getAll("dryRun");
    DeleteOptions o = options == null ? new DeleteOptions(null, null, null, null) : options;
    if (asked.isEmpty()) {
      return o;
    }
    if (o.dryRun() == null || o.dryRun().isEmpty()) {
      return new DeleteOptions(
          o.gracePeriodSeconds(), o.preconditions(), asked, o.propagationPolicy());
    }
    if (!Objects.equals(o.dryRun(), asked)) {
      throw ApiError.badRequest(
          "Non-matching dry-run options in request and content: " + asked + " and " + o.dryRun());
    }
    return o;
  }
}
