package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A network policy (networking.k8s.io/v1): which traffic may reach or leave the selected pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record NetworkPolicy(ObjectMeta metadata, NetworkPolicySpec spec) implements Resource {
  public static final String API_VERSION = "networking.k8s.io/v1";
  public static final String KIND = "NetworkPolicy";

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
  public NetworkPolicy withMetadata(ObjectMeta value) {
    return new NetworkPolicy(value, spec);
  }

  public NetworkPolicy withSpec(NetworkPolicySpec value) {
    return new NetworkPolicy(metadata, value);
  }
}
