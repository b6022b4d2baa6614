package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A pod volume: exactly one source, an emptyDir, a hostPath or a secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(
    String name,
    EmptyDirVolumeSource emptyDir,
    HostPathVolumeSource hostPath,
    SecretVolumeSource secret) {

  public Volume(String name, EmptyDirVolumeSource emptyDir, HostPathVolumeSource hostPath) {
    this(name, emptyDir, hostPath, null);
  }
}
