package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeSet;

/**
 * A secret (v1): named values that pods read as files or environment variables. {@code data} holds
 * base64 values; {@code stringData} takes plain values on write, which admission folds into {@code
 * data} (so it is never stored nor returned). {@link #toString()} names the keys, never the values,
 * so a secret that ends up in a log line leaks nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "type", "data", "stringData", "immutable"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record Secret(
    ObjectMeta metadata,
    String type,
    Map<String, String> data,
    Map<String, String> stringData,
    Boolean immutable)
    implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Secret";

  /** The type of a secret that names none. */
  public static final String OPAQUE = "Opaque";

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
  public Secret withMetadata(ObjectMeta value) {
    return new Secret(value, type, data, stringData, immutable);
  }

  public Secret withData(Map<String, String> value) {
    return new Secret(metadata, type, value, stringData, immutable);
  }

  public Map<String, String> dataOrEmpty() {
    return data == null ? Map.of() : data;
  }

  /**
   * The decoded value of {@code key}, or null when the secret has no such key (or it is not
   * base64).
   */
  public byte[] value(String key) {
    String encoded = dataOrEmpty().get(key);
    if (encoded == null) {
      return null;
    }
    try {
      return java.util.Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "Secret[metadata="
        + metadata
        + ", type="
        + type
        + ", data keys="
        + (data == null ? "[]" : new TreeSet<>(data.keySet()))
        + ", stringData keys="
        + (stringData == null ? "[]" : new TreeSet<>(stringData.keySet()))
        + ", immutable="
        + immutable
        + "]";
  }
}
