package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a declared pod volume appears inside a container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeMount(String name, String mountPath, Boolean readOnly) {}
