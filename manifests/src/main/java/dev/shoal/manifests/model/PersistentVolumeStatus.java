package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A volume's phase (Pending, Available, Bound, Released, Failed) and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersistentVolumeStatus(String phase, String message, String reason) {
  public static final String PENDING = "Pending";
  public static final String AVAILABLE = "Available";
  public static final String BOUND = "Bound";
  public static final String RELEASED = "Released";
  public static final String FAILED = "Failed";

  public static PersistentVolumeStatus phase(String value) {
    return new PersistentVolumeStatus(value, null, null);
  }
}
