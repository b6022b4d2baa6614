package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A daemon set (apps/v1): one pod of its template on every eligible node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record DaemonSet(ObjectMeta metadata, DaemonSetSpec spec, DaemonSetStatus status)
    implements Resource {
  public static final String API_VERSION = "apps/v1";
  public static final String KIND = "DaemonSet";

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
  public DaemonSet withMetadata(ObjectMeta value) {
    return new DaemonSet(value, spec, status);
  }

  public DaemonSet withSpec(DaemonSetSpec value) {
    return new DaemonSet(metadata, value, status);
  }

  public DaemonSet withStatus(DaemonSetStatus value) {
    return new DaemonSet(metadata, spec, value);
  }
}
