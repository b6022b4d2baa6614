package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One requirement: operator In, NotIn, Exists, DoesNotExist, Gt or Lt on a key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSelectorRequirement(String key, String operator, List<String> values) {

  public List<String> valuesOrEmpty() {
    return values == null ? List.of() : values;
  }
}
