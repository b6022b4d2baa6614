package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Requirements on a node's labels ({@code matchExpressions}) and fields ({@code matchFields}: only
 * {@code metadata.name}), all of which must hold. An empty term matches no node.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSelectorTerm(
    List<NodeSelectorRequirement> matchExpressions, List<NodeSelectorRequirement> matchFields) {

  public List<NodeSelectorRequirement> expressionsOrEmpty() {
    return matchExpressions == null ? List.of() : matchExpressions;
  }

  public List<NodeSelectorRequirement> fieldsOrEmpty() {
    return matchFields == null ? List.of() : matchFields;
  }
}
