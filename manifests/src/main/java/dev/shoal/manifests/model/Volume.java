package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A pod volume: exactly one source, an emptyDir, a hostPath, a secret, a config map, a projected
 * volume, downward API files or a persistent volume claim.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(
    String name,
    EmptyDirVolumeSource emptyDir,
    HostPathVolumeSource hostPath,
    SecretVolumeSource secret,
    ConfigMapVolumeSource configMap,
    ProjectedVolumeSource projected,
    DownwardAPIVolumeSource downwardAPI,
    PersistentVolumeClaimVolumeSource persistentVolumeClaim) {

  public Volume(
      String name,
      EmptyDirVolumeSource emptyDir,
      HostPathVolumeSource hostPath,
      SecretVolumeSource secret,
      ConfigMapVolumeSource configMap,
      ProjectedVolumeSource projected,
      DownwardAPIVolumeSource downwardAPI) {
    this(name, emptyDir, hostPath, secret, configMap, projected, downwardAPI, null);
  }

  public static Volume claim(String name, String claimName) {
    return new Volume(
        name,
        null,
        null,
        null,
        null,
        null,
        null,
        new PersistentVolumeClaimVolumeSource(claimName, null));
  }

  public Volume(String name, EmptyDirVolumeSource emptyDir, HostPathVolumeSource hostPath) {
    this(name, emptyDir, hostPath, null, null, null, null);
  }

  public Volume(
      String name,
      EmptyDirVolumeSource emptyDir,
      HostPathVolumeSource hostPath,
      SecretVolumeSource secret) {
    this(name, emptyDir, hostPath, secret, null, null, null);
  }

  public static Volume configMap(String name, ConfigMapVolumeSource source) {
    return new Volume(name, null, null, null, source, null, null);
  }

  public static Volume projected(String name, ProjectedVolumeSource source) {
    return new Volume(name, null, null, null, null, source, null);
  }

  public static Volume downwardAPI(String name, DownwardAPIVolumeSource source) {
    return new Volume(name, null, null, null, null, null, source);
  }

  /**
   * Whether the node writes this volume's files from cluster objects or the pod (secret, config
   * map, projected, downward API), read-only in the container, rather than sharing a directory.
   */
  @JsonIgnore
  public boolean isWrittenByNode() {
    return secret != null || configMap != null || projected != null || downwardAPI != null;
  }
}
