package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A directory or file of the node mounted into the pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostPathVolumeSource(String path, String type) {}
