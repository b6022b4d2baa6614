package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A config map (v1): named values that pods read as files or environment variables. {@code data}
 * holds UTF-8 text, {@code binaryData} base64 bytes; a key is in one of them at most. An {@code
 * immutable} one never changes its data again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "immutable", "data", "binaryData"})
@JsonIgnoreProperties(
    value = {"apiVersion", "kind"},
    allowGetters = true)
public record ConfigMap(
    ObjectMeta metadata,
    Map<String, String> data,
    Map<String, String> binaryData,
    Boolean immutable)
    implements Resource {
  public static final String API_VERSION = "v1";
  public static final String KIND = "ConfigMap";

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
  public ConfigMap withMetadata(ObjectMeta value) {
    return new ConfigMap(value, data, binaryData, immutable);
  }

  public ConfigMap withData(Map<String, String> value) {
    return new ConfigMap(metadata, value, binaryData, immutable);
  }

  public Map<String, String> dataOrEmpty() {
    return data == null ? Map.of() : data;
  }

  public Map<String, String> binaryDataOrEmpty() {
    return binaryData == null ? Map.of() : binaryData;
  }

  public boolean hasKey(String key) {
    return dataOrEmpty().containsKey(key) || binaryDataOrEmpty().containsKey(key);
  }

  /**
   * The bytes of {@code key}: its text in UTF-8, or its decoded binary value; null when there is no
   * such key (or its binary value is not base64).
   */
  public byte[] value(String key) {
    String text = dataOrEmpty().get(key);
    if (text != null) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    String encoded = binaryDataOrEmpty().get(key);
    if (encoded == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
