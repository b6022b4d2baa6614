package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A directory on one node (with the volume's node affinity naming that node). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalVolumeSource(String path, String fsType) {}
