package dev.shoal.agent.api;

import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.selectors.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code labelSelector} and {@code fieldSelector} of a list or watch request, as one predicate.
 * Field selectors take the fields of {@link FieldLabels} for the kind listed, with {@code =},
 * {@code ==} and {@code !=}; any other field is a 400.
 */
final class ListFilter {

  private ListFilter() {}

  static Predicate<Resource> of(KindInfo kind, String labelSelector, String fieldSelector) {
    Predicate<Resource> labels = labels(labelSelector);
    Predicate<Resource> fields = fields(kind, fieldSelector);
    return labels.and(fields);
  }

  private static Predicate<Resource> labels(String text) {
    if (text == null || text.isBlank()) {
      return object -> true;
    }
    Result<Selector> parsed = Selector.parse(text);
    if (!parsed.isOk()) {
      throw ApiError.badRequest(
          "unable to parse labelSelector \"" + text + "\": " + parsed.error());
    }
    Selector selector = parsed.value();
    return object -> selector.matches(object.metadata().labelsOrEmpty());
  }

  private static Predicate<Resource> fields(KindInfo kind, String text) {
    if (text == null || text.isBlank()) {
      return object -> true;
    }
    List<Predicate<Resource>> terms = new ArrayList<>();
    for (String term : text.split(",")) {
      boolean negated = term.contains("!=");
      String[] parts = term.split(negated ? "!=" : "==?", 2);
      if (parts.length != 2 || parts[0].isBlank()) {
        throw ApiError.badRequest(
            "invalid fieldSelector term \"" + term + "\": expected field=value or field!=value");
      }
      Function<Resource, String> field = field(kind, parts[0].trim());
      String value = parts[1].trim();
      terms.add(negated ? o -> !value.equals(field.apply(o)) : o -> value.equals(field.apply(o)));
    }
    return terms.stream().reduce(o -> true, Predicate::and);
  }

  private static Function<Resource, String> field(KindInfo kind, String name) {
    return FieldLabels.field(kind, name)
        .orElseThrow(
            () ->
                ApiError.badRequest(
                    "field label not supported: "
                        + name
                        + " (supported for "
                        + kind.plural()
                        + ": "
                        + FieldLabels.supported(kind)
                        + ")"));
  }
}
