package dev.shoal.manifests.selectors;

import dev.shoal.manifests.model.NodeSelector;
import dev.shoal.manifests.model.NodeSelectorRequirement;
import dev.shoal.manifests.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * Whether a node meets a pod's required node affinity, as Kubernetes' nodeaffinity helper reads it:
 * the node must match one of the terms; a term matches when every expression holds on the node's
 * labels and every field requirement on its name; a term with neither matches nothing. {@code Gt}
 * and {@code Lt} compare the label value and the single requirement value as integers.
 */
public final class NodeAffinityMatch {

  /** The only field a matchFields requirement may name. */
  public static final String NAME_FIELD = "metadata.name";

  private NodeAffinityMatch() {}

  /** True when {@code required} is null (no rule) or the node matches one of its terms. */
  public static boolean matches(
      NodeSelector required, String nodeName, Map<String, String> labels) {
    if (required == null) {
      return true;
    }
    for (NodeSelectorTerm term : required.termsOrEmpty()) {
      if (termMatches(term, nodeName, labels)) {
        return true;
      }
    }
    return false;
  }

  static boolean termMatches(NodeSelectorTerm term, String nodeName, Map<String, String> labels) {
    if (term.expressionsOrEmpty().isEmpty() && term.fieldsOrEmpty().isEmpty()) {
      return false;
    }
    for (NodeSelectorRequirement r : term.expressionsOrEmpty()) {
      if (!holds(r, labels.containsKey(r.key()), labels.get(r.key()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : term.fieldsOrEmpty()) {
      if (!NAME_FIELD.equals(r.key()) || !holds(r, nodeName != null, nodeName)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(NodeSelectorRequirement r, boolean present, String value) {
    List<String> values = r.valuesOrEmpty();
    return switch (String.valueOf(r.operator())) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt" -> present && values.size() == 1 && compare(value, values.get(0)) > 0;
      case "Lt" -> present && values.size() == 1 && compare(value, values.get(0)) < 0;
      default -> false;
    };
  }

  /** Integer comparison; a value that is not an integer never satisfies Gt or Lt. */
  private static int compare(String label, String bound) {
    try {
      return Long.compare(Long.parseLong(label), Long.parseLong(bound));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
