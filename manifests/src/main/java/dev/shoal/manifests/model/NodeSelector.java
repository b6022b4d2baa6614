package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A node matches when it matches any one of the terms (the terms are ORed). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSelector(List<NodeSelectorTerm> nodeSelectorTerms) {

  public List<NodeSelectorTerm> termsOrEmpty() {
    return nodeSelectorTerms == null ? List.of() : nodeSelectorTerms;
  }
}
