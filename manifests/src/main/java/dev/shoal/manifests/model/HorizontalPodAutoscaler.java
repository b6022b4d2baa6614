package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A horizontal pod autoscaler (autoscaling/v2): keeps the replicas of a Deployment or ReplicaSet
 * between a minimum and a maximum so its metrics stay near their targets.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record HorizontalPodAutoscaler(
    ObjectMeta metadata, HorizontalPodAutoscalerSpec spec, HorizontalPodAutoscalerStatus status)
    implements Resource {
  public static final String API_VERSION = "autoscaling/v2";
  public static final String KIND = "HorizontalPodAutoscaler";

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
  public HorizontalPodAutoscaler withMetadata(ObjectMeta value) {
    return new HorizontalPodAutoscaler(value, spec, status);
  }

  public HorizontalPodAutoscaler withSpec(HorizontalPodAutoscalerSpec value) {
    return new HorizontalPodAutoscaler(metadata, value, status);
  }

  public HorizontalPodAutoscaler withStatus(HorizontalPodAutoscalerStatus value) {
    return new HorizontalPodAutoscaler(metadata, spec, value);
  }
}
