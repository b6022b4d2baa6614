package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A pod (v1): containers that share a network namespace and volumes, run together on one node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record Pod(ObjectMeta metadata, PodSpec spec, PodStatus status) implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Pod";

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
  public Pod withMetadata(ObjectMeta value) {
    return new Pod(value, spec, status);
  }

  public Pod withSpec(PodSpec value) {
    return new Pod(metadata, value, status);
  }

  public Pod withStatus(PodStatus value) {
    return new Pod(metadata, spec, value);
  }
}
