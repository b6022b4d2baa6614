package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A stateful set (apps/v1): pods with stable names, stable DNS and a claim of their own each. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record StatefulSet(ObjectMeta metadata, StatefulSetSpec spec, StatefulSetStatus status)
    implements Resource {
  public static final String API_VERSION = "apps/v1";
  public static final String KIND = "StatefulSet";

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
  public StatefulSet withMetadata(ObjectMeta value) {
    return new StatefulSet(value, spec, status);
  }

  public StatefulSet withSpec(StatefulSetSpec value) {
    return new StatefulSet(metadata, value, status);
  }

  public StatefulSet withStatus(StatefulSetStatus value) {
    return new StatefulSet(metadata, spec, value);
  }
}
