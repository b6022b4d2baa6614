package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a claim asks for: access modes, a size ({@code resources.requests.storage}), a class (null:
 * the default class; "": none) and, once bound, the volume's name.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersistentVolumeClaimSpec(
    List<String> accessModes,
    LabelSelector selector,
    VolumeResourceRequirements resources,
    String volumeName,
    String storageClassName,
    String volumeMode) {

  public PersistentVolumeClaimSpec withVolumeName(String value) {
    return new PersistentVolumeClaimSpec(
        accessModes, selector, resources, value, storageClassName, volumeMode);
  }

  public PersistentVolumeClaimSpec withStorageClassName(String value) {
    return new PersistentVolumeClaimSpec(
        accessModes, selector, resources, volumeName, value, volumeMode);
  }

  public List<String> accessModesOrEmpty() {
    return accessModes == null ? List.of() : accessModes;
  }

  /** The requested size as given ({@code resources.requests.storage}), or null. */
  public String requestedStorage() {
    return resources == null || resources.requests() == null
        ? null
        : resources.requests().get("storage");
  }
}
