package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A deployment (apps/v1): rolls a pod template out through replica sets. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record Deployment(ObjectMeta metadata, DeploymentSpec spec, DeploymentStatus status)
    implements Resource {
  public static final String API_VERSION = "apps/v1";
  public static final String KIND = "Deployment";

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
  public Deployment withMetadata(ObjectMeta value) {
    return new Deployment(value, spec, status);
  }

  public Deployment withSpec(DeploymentSpec value) {
    return new Deployment(metadata, value, status);
  }

  public Deployment withStatus(DeploymentStatus value) {
    return new Deployment(metadata, spec, value);
  }
}
