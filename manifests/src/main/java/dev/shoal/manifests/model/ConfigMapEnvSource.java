package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The config map an {@link EnvFromSource} reads; {@code optional} lets the container start without
 * it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigMapEnvSource(String name, Boolean optional) {}
