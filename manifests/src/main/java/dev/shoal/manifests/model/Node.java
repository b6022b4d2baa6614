package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A node (v1): one host running an agent; not namespaced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record Node(ObjectMeta metadata, NodeSpec spec, NodeStatus status) implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Node";

  @Override
  @JsonProperty("apiVersion")
  public String apiVersion() {
    return API_VERSION;
  }

  @Override
  @JsonProperty("kind")
  public String kind() {
    return KIND;
  }

  @Override
  public Node withMetadata(ObjectMeta value) {
    return new Node(value, spec, status);
  }

  public Node withSpec(NodeSpec value) {
    return new Node(metadata, value, status);
  }

  public Node withStatus(NodeStatus value) {
    return new Node(metadata, spec, value);
  }
}
