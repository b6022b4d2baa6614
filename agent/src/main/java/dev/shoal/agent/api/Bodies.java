package dev.shoal.agent.api;

import dev.shoal.agent.api.protobuf.ProtobufBody;
import dev.shoal.agent.api.protobuf.ProtobufBodyException;
import dev.shoal.manifests.codec.Decoded;
import dev.shoal.manifests.codec.ManifestCodec;
import dev.shoal.manifests.codec.Warning;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.patch.PatchType;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads request bodies: checks the media type, decodes YAML, JSON or Kubernetes protobuf into typed
 * objects, keeps warnings.
 */
final class Bodies {

  private static final Set<String> MANIFEST_TYPES =
      Set.of(
          "application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

  /** Bounds on the warnings sent back; Kubernetes also cuts each one to 256 characters. */
  static final int MAX_WARNINGS = 20;

  static final int MAX_WARNING_CHARS = 256;

  private Bodies() {}

  /** All documents of a manifest body; a body with no document is a 400. */
  static List<Decoded> manifests(RoutingContext ctx) {
    if (mediaType(ctx).equals(ProtobufBody.MEDIA_TYPE)) {
      return List.of(protobuf(bytes(ctx)));
    }
    requireType(ctx, MANIFEST_TYPES);
    byte[] body = bytes(ctx);
    List<Decoded> documents = ManifestCodec.parseAll(body);
    if (documents.isEmpty()) {
      throw ApiError.badRequest("the request body holds no object");
    }
    return documents;
  }

  /** The one object of a create or replace body, or the 400/422 that says why it is not usable. */
  static Decoded.Ok single(RoutingContext ctx) {
    List<Decoded> documents = manifests(ctx);
    if (documents.size() != 1) {
      throw ApiError.badRequest(
          "expected one object in the body, found "
              + documents.size()
              + "; use POST /apply for several");
    }
    return ok(documents.get(0));
  }

  /**
   * A Kubernetes protobuf body, decoded through the JSON tree it stands for (so unknown fields,
   * defaults and validation are the JSON path's); a body that is not one is a 400 saying why.
   */
  private static Decoded protobuf(byte[] body) {
    try {
      return ManifestCodec.decode(ProtobufBody.decode(body), null);
    } catch (ProtobufBodyException e) {
      throw ApiError.badRequest("the protobuf body could not be decoded: " + e.getMessage());
    }
  }

  static Decoded.Ok ok(Decoded decoded) {
    if (decoded instanceof Decoded.Failed failed) {
      throw undecodable(failed.errors());
    }
    return (Decoded.Ok) decoded;
  }

  static ApiError undecodable(List<FieldError> errors) {
    String summary =
        errors.stream().map(FieldError::toString).reduce((a, b) -> a + "; " + b).orElse("");
    return new ApiError(
        new Status(
            Status.FAILURE,
            "the object could not be decoded: " + summary,
            "BadRequest",
            new dev.shoal.manifests.model.StatusDetails(
                null, null, null, errors.stream().map(FieldError::toCause).toList(), null),
            400));
  }

  /**
   * The patch format the {@code Content-Type} names; server-side apply ({@code
   * application/apply-patch+yaml}) and anything else are a 415.
   */
  static PatchType patchType(RoutingContext ctx) {
    String type = mediaType(ctx);
    PatchType patchType = PatchType.ofMediaType(type).orElse(null);
    if (patchType == null || patchType == PatchType.APPLY_PATCH) {
      throw new ApiError(
          new Status(
              Status.FAILURE,
              (patchType == null
                      ? "the body of a PATCH must be a patch, not \"" + type + "\""
                      : "server-side apply (" + type + ") is not supported")
                  + "; supported: "
                  + PatchType.JSON_PATCH.mediaType()
                  + ", "
                  + PatchType.MERGE_PATCH.mediaType()
                  + ", "
                  + PatchType.STRATEGIC_MERGE_PATCH.mediaType(),
              "UnsupportedMediaType",
              null,
              415));
    }
    return patchType;
  }

  static byte[] patchBody(RoutingContext ctx) {
    return bytes(ctx);
  }

  /**
   * Adds Kubernetes-style {@code Warning} headers ({@code 299 - "unknown field \"spec.foo\""}), one
   * per unsupported field that was ignored: at most {@link #MAX_WARNINGS}, each cut to {@link
   * #MAX_WARNING_CHARS}, and in printable ASCII (a field name from the body may hold NUL, line
   * breaks or any other character a header cannot carry).
   */
  static void warn(RoutingContext ctx, List<Warning> warnings) {
    int shown = Math.min(warnings.size(), MAX_WARNINGS);
    for (int i = 0; i < shown; i++) {
      ctx.response()
          .headers()
          .add(
              "Warning",
              "299 - \"" + headerSafe("unknown field \"" + warnings.get(i).field() + "\"") + "\"");
    }
    if (warnings.size() > shown) {
      ctx.response()
          .headers()
          .add("Warning", "299 - \"" + (warnings.size() - shown) + " more ignored fields\"");
    }
  }

  /**
   * The text of a quoted string (RFC 9110): printable ASCII, quotes and backslashes escaped with a
   * backslash, anything else a \\uXXXX escape; long text ends in "...".
   */
  static String headerSafe(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < MAX_WARNING_CHARS; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.length() >= MAX_WARNING_CHARS
        ? out.substring(0, MAX_WARNING_CHARS) + "..."
        : out.toString();
  }

  private static byte[] bytes(RoutingContext ctx) {
    return ctx.body() == null || ctx.body().buffer() == null
        ? new byte[0]
        : ctx.body().buffer().getBytes();
  }

  private static void requireType(RoutingContext ctx, Set<String> accepted) {
    String type = mediaType(ctx);
    if (!type.isEmpty() && !accepted.contains(type)) {
      throw new ApiError(Status.unsupportedMediaType(type));
    }
  }

  private static String mediaType(RoutingContext ctx) {
    String header = ctx.request().getHeader("Content-Type");
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon >= 0 ? header.substring(0, semicolon) : header)
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
