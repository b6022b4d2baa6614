package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a node reports about itself: resources (quantity strings), conditions, addresses, host
 * facts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeStatus(
    Map<String, String> capacity,
    Map<String, String> allocatable,
    List<NodeCondition> conditions,
    List<NodeAddress> addresses,
    NodeSystemInfo nodeInfo) {

  public NodeStatus withConditions(List<NodeCondition> value) {
    return new NodeStatus(capacity, allocatable, value, addresses, nodeInfo);
  }

  /** True when the condition {@code Ready} is {@code True}. */
  @JsonIgnore
  public boolean isReady() {
    return conditions != null
        && conditions.stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
  }
}
