package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A claim's phase (Pending, Bound, Lost) and, once bound, the volume's access modes and size. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersistentVolumeClaimStatus(
    String phase, List<String> accessModes, Map<String, String> capacity) {
  public static final String PENDING = "Pending";
  public static final String BOUND = "Bound";
  public static final String LOST = "Lost";
}
