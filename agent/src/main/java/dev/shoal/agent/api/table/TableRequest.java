package dev.shoal.agent.api.table;

import java.util.Locale;

/**
 * A client's ask for a Table ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}): the
 * Table's apiVersion, and what each row carries in {@code object} ({@code includeObject}: None,
 * Metadata, the default, as PartialObjectMetadata, or the whole Object).
 */
public record TableRequest(String apiVersion, Include include) {

  /** What a row carries of its object. */
  public enum Include {
    NONE,
    METADATA,
    OBJECT
  }

  /**
   * The value of the {@code includeObject} parameter; null is Metadata.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static Include include(String value) {
    if (value == null || value.isEmpty()) {
      return Include.METADATA;
    }
    return switch (value) {
      case "None" -> Include.NONE;
      case "Metadata" -> Include.METADATA;
      case "Object" -> Include.OBJECT;
      default ->
          throw new IllegalArgumentException(
              "includeObject: Unsupported value: \""
                  + value
                  + "\": supported values: \"None\", \"Metadata\", \"Object\"");
    };
  }

  /** {@code meta.k8s.io/v1} or {@code meta.k8s.io/v1beta1}, the two versions kubectl asks for. */
  public static boolean servesVersion(String version) {
    String v = version == null ? "" : version.toLowerCase(Locale.ROOT);
    return v.equals("v1") || v.equals("v1beta1");
  }
}
