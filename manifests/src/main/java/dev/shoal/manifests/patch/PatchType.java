package dev.shoal.manifests.patch;

import java.util.Arrays;
import java.util.Optional;

/** The patch formats of a Kubernetes PATCH request, by the media type that names each. */
public enum PatchType {
  JSON_PATCH("application/json-patch+json"),
  MERGE_PATCH("application/merge-patch+json"),
  STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json"),
  /** Server-side apply; recognised so it can be refused by name. */
  APPLY_PATCH("application/apply-patch+yaml");

  private final String mediaType;

  PatchType(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The type a {@code Content-Type} (without parameters, lower case) names, if any. */
  public static Optional<PatchType> ofMediaType(String mediaType) {
    return Arrays.stream(values()).filter(t -> t.mediaType.equals(mediaType)).findFirst();
  }
}
