package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A service (v1): a stable virtual IP and DNS name in front of the pods its selector matches. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record Service(ObjectMeta metadata, ServiceSpec spec, ServiceStatus status)
    implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Service";

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
  public Service withMetadata(ObjectMeta value) {
    return new Service(value, spec, status);
  }

  public Service withSpec(ServiceSpec value) {
    return new Service(metadata, value, status);
  }

  public Service withStatus(ServiceStatus value) {
    return new Service(metadata, spec, value);
  }
}
