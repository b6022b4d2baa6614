package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A namespace (v1): a scope for names; not itself namespaced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record Namespace(ObjectMeta metadata, NamespaceSpec spec, NamespaceStatus status)
    implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Namespace";

  public static Namespace named(String name) {
    return new Namespace(ObjectMeta.named(null, name), null, null);
  }

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
  public Namespace withMetadata(ObjectMeta value) {
    return new Namespace(value, spec, status);
  }

  public Namespace withSpec(NamespaceSpec value) {
    return new Namespace(metadata, value, status);
  }

  public Namespace withStatus(NamespaceStatus value) {
    return new Namespace(metadata, spec, value);
  }
}
