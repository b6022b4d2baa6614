package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The nodes a persistent volume can be used from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeNodeAffinity(NodeSelector required) {}
