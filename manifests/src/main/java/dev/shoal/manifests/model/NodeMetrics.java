package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A node's resource usage (metrics.k8s.io/v1beta1), read-only, as metrics-server serves it: when it
 * was sampled, the window the CPU rate covers (a duration such as {@code "1s"}), and {@code usage}
 * with {@code cpu} in nanocores ({@code "123456n"}) and {@code memory} (the working set, {@code
 * "1234Ki"}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "apiVersion", "metadata", "timestamp", "window", "usage"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record NodeMetrics(
    ObjectMeta metadata, String timestamp, String window, Map<String, String> usage)
    implements Resource {
  public static final String API_VERSION = "metrics.k8s.io/v1beta1";
  public static final String KIND = "NodeMetrics";

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
  public NodeMetrics withMetadata(ObjectMeta value) {
    return new NodeMetrics(value, timestamp, window, usage);
  }
}
