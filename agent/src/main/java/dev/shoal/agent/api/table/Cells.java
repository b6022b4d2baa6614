package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.selectors.Selector;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How upstream's printers write the values several kinds share: selectors, containers, counts. */
final class Cells {

  static final String NONE = "<none>";

  private Cells() {}

  static long count(Integer value) {
    return value == null ? 0 : value;
  }

  static String orNone(String value) {
    return value == null || value.isEmpty() ? NONE : value;
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** A workload's selector in the wide columns: its string form, empty when it selects all. */
  static String selector(LabelSelector selector) {
    if (selector == null) {
      return "";
    }
    var parsed = Selector.fromLabelSelector(selector);
    return parsed.isOk() ? parsed.value().toString() : "<error>";
  }

  /** A selector standing alone in a column: {@code <none>} when it selects all. */
  static String selectorOrNone(LabelSelector selector) {
    String text = selector(selector);
    return text.isEmpty() ? NONE : text;
  }

  /** {@code k=v,k2=v2} sorted by key, {@code <none>} when empty (a Service's selector). */
  static String labels(Map<String, String> labels) {
    return labels == null || labels.isEmpty() ? NONE : Selector.of(labels).toString();
  }

  static String containerNames(PodTemplateSpec template) {
    return joined(containers(template), Container::name);
  }

  static String containerImages(PodTemplateSpec template) {
    return joined(containers(template), Container::image);
  }

  private static List<Container> containers(PodTemplateSpec template) {
    return template == null || template.spec() == null || template.spec().containers() == null
        ? List.of()
        : template.spec().containers();
  }

  private static String joined(List<Container> containers, Function<Container, String> part) {
    return containers.stream()
        .map(part)
        .map(s -> Objects.requireNonNullElse(s, ""))
        .collect(Collectors.joining(","));
  }
}
