package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A pod volume that mounts the volume bound to a claim of the pod's namespace, by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersistentVolumeClaimVolumeSource(String claimName, Boolean readOnly) {}
