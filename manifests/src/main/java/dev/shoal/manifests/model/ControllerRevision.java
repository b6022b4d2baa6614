package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One revision of a controller's template (apps/v1): the state it records ({@code data}, for a
 * stateful set its pod template as a patch) and its number in the owner's history.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "data", "revision"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record ControllerRevision(ObjectMeta metadata, JsonNode data, Long revision)
    implements Resource {
  public static final String API_VERSION = "apps/v1";
  public static final String KIND = "ControllerRevision";

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
  public ControllerRevision withMetadata(ObjectMeta value) {
    return new ControllerRevision(value, data, revision);
  }

  public long revisionOrZero() {
    return revision == null ? 0 : revision;
  }
}
