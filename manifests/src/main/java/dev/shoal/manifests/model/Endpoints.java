package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The endpoints (v1) of a service, same name as the service: the addresses of its matching pods.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "subsets"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record Endpoints(ObjectMeta metadata, List<EndpointSubset> subsets) implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Endpoints";

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
  public Endpoints withMetadata(ObjectMeta value) {
    return new Endpoints(value, subsets);
  }

  public Endpoints withSubsets(List<EndpointSubset> value) {
    return new Endpoints(metadata, value);
  }
}
