package dev.shoal.agent.control;

import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Label selector matching for the controllers (matchLabels and matchExpressions, In, NotIn, Exists,
 * DoesNotExist). A stand-in until {@code dev.shoal.manifests.selectors} lands; same semantics.
 */
public final class Labels {

  private Labels() {}

  /** True when every term of {@code selector} holds for {@code labels}; a null or empty selector matches nothing. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null || (isEmpty(selector.matchLabels()) && isEmpty(selector.matchExpressions()))) {
      return false;
    }
    Map<String, String> have = labels == null ? Map.of() : labels;
    if (selector.matchLabels() != null) {
      for (Map.Entry<String, String> term : selector.matchLabels().entrySet()) {
        if (!term.getValue().equals(have.get(term.getKey()))) {
          return false;
        }
      }
    }
    if (selector.matchExpressions() != null) {
      for (LabelSelectorRequirement term : selector.matchExpressions()) {
        if (!holds(term, have)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Equality-only selector (a Service's or a nodeSelector): every pair must be present. */
  public static boolean containsAll(Map<String, String> wanted, Map<String, String> labels) {
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    Map<String, String> have = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> term : wanted.entrySet()) {
      if (!term.getValue().equals(have.get(term.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(LabelSelectorRequirement term, Map<String, String> labels) {
    String value = labels.get(term.key());
    List<String> values = term.values() == null ? List.of() : term.values();
    return switch (term.operator() == null ? "" : term.operator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(term.key());
      case "DoesNotExist" -> !labels.containsKey(term.key());
      default -> false;
    };
  }

  private static boolean isEmpty(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
