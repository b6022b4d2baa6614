package dev.shoal.agent.api;

import dev.shoal.manifests.codec.Warning;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Status;
import dev.shoal.manifests.model.StatusDetails;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The query parameters of a create, update or patch that say how to write: {@code fieldValidation}
 * (what an unknown field does: Strict refuses it, Warn, the default as upstream, answers a {@code
 * Warning} header, Ignore drops it silently) and {@code dryRun=All} (check and default everything,
 * write nothing).
 */
record WriteOptions(FieldValidation validation, boolean dryRun) {

  enum FieldValidation {
    STRICT,
    WARN,
    IGNORE
  }

  /** The options of the request; a value Kubernetes would not accept is a 400 naming it. */
  static WriteOptions of(RoutingContext ctx) {
    return new WriteOptions(
        validation(ctx.queryParams().getAll("fieldValidation")),
        dryRun(ctx.queryParams().getAll("dryRun")));
  }

  private static FieldValidation validation(List<String> values) {
    if (values.isEmpty() || values.get(0).isEmpty()) {
      return FieldValidation.WARN;
    }
    if (values.size() > 1) {
      throw ApiError.badField("fieldValidation", "fieldValidation may be given only once");
    }
    return switch (values.get(0)) {
      case "Strict" -> FieldValidation.STRICT;
      case "Warn" -> FieldValidation.WARN;
      case "Ignore" -> FieldValidation.IGNORE;
      default ->
          throw ApiError.badField(
              "fieldValidation",
              "fieldValidation must be Strict, Warn or Ignore, not \"" + values.get(0) + "\"");
    };
  }

  private static boolean dryRun(List<String> values) {
    for (String value : values) {
      if (!value.equals("All")) {
        throw ApiError.badField(
            "dryRun",
            "dryRun must be All (the only value Kubernetes defines), not \"" + value + "\"");
      }
    }
    return !values.isEmpty();
  }

  /**
   * What the request's unknown fields do: with Strict a 400 naming every one (upstream's "strict
   * decoding error"), with Warn one {@code Warning} header each, with Ignore nothing.
   */
  void admitFields(RoutingContext ctx, KindInfo kind, List<Warning> unknown) {
    refuseIfStrict(kind, unknown);
    warnIfAsked(ctx, unknown);
  }

  /** The {@code Warning} headers of the unknown fields, under Warn. */
  void warnIfAsked(RoutingContext ctx, List<Warning> unknown) {
    if (validation == FieldValidation.WARN) {
      Bodies.warn(ctx, unknown);
    }
  }

  /** Under Strict, the 400 naming every unknown field; nothing when there is none. */
  void refuseIfStrict(KindInfo kind, List<Warning> unknown) {
    if (unknown.isEmpty() || validation != FieldValidation.STRICT) {
      return;
    }
    String names =
        unknown.stream()
            .map(w -> "unknown field \"" + w.field() + "\"")
            .collect(Collectors.joining(", "));
    throw new ApiError(
        new Status(
            Status.FAILURE,
            kind.kind()
                + " in version \""
                + kind.version()
                + "\" cannot be handled as a "
                + kind.kind()
                + ": strict decoding error: "
                + names,
            "BadRequest",
            new StatusDetails(
                null,
                kind.group(),
                kind.plural(),
                unknown.stream()
                    .map(
                        w ->
                            FieldError.notSupported(
                                    w.field(), "unknown field \"" + w.field() + "\"")
                                .toCause())
                    .toList(),
                null),
            400));
  }
}
