package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A pod volume: exactly one source, an emptyDir or a hostPath. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(String name, EmptyDirVolumeSource emptyDir, HostPathVolumeSource hostPath) {}
