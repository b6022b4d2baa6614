package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A replica set (apps/v1): keeps {@code spec.replicas} pods matching its selector running. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record ReplicaSet(ObjectMeta metadata, ReplicaSetSpec spec, ReplicaSetStatus status)
    implements Resource {
  public static final String API_VERSION = "apps/v1";
  public static final String KIND = "ReplicaSet";

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
  public ReplicaSet withMetadata(ObjectMeta value) {
    return new ReplicaSet(value, spec, status);
  }

  public ReplicaSet withSpec(ReplicaSetSpec value) {
    return new ReplicaSet(metadata, value, status);
  }

  public ReplicaSet withStatus(ReplicaSetStatus value) {
    return new ReplicaSet(metadata, spec, value);
  }
}
