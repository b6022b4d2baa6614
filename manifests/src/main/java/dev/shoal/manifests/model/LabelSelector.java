package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The structured form of a label selector; all terms are ANDed. Compile it with {@code
 * selectors.Selector}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelSelector(
    Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions) {

  public static LabelSelector matching(Map<String, String> labels) {
    return new LabelSelector(labels, null);
  }
}
