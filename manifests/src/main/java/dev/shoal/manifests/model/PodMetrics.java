package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A pod's resource usage (metrics.k8s.io/v1beta1), read-only: the sample's time and window, and per
 * running container of its spec the {@code usage} ({@code cpu} in nanocores, {@code memory} the
 * working set), as metrics-server serves it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "timestamp", "window", "containers"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record PodMetrics(
    ObjectMeta metadata, String timestamp, String window, List<Container> containers)
    implements Resource {
  public static final String API_VERSION = "metrics.k8s.io/v1beta1";
  public static final String KIND = "PodMetrics";

  /** One container's usage. */
  public record Container(String name, Map<String, String> usage) {}

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
  public PodMetrics withMetadata(ObjectMeta value) {
    return new PodMetrics(value, timestamp, window, containers);
  }
}
