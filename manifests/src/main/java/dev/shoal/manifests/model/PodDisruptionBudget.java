package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A pod disruption budget (policy/v1): how many of the pods its selector picks must stay healthy
 * (or may be unavailable) while pods are evicted on purpose, as by {@code kubectl drain}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record PodDisruptionBudget(
    ObjectMeta metadata, PodDisruptionBudgetSpec spec, PodDisruptionBudgetStatus status)
    implements Resource {
  public static final String API_VERSION = "policy/v1";
  public static final String KIND = "PodDisruptionBudget";

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
  public PodDisruptionBudget withMetadata(ObjectMeta value) {
    return new PodDisruptionBudget(value, spec, status);
  }

  public PodDisruptionBudget withStatus(PodDisruptionBudgetStatus value) {
    return new PodDisruptionBudget(metadata, spec, value);
  }
}
