package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The secret an {@link EnvFromSource} reads; {@code optional} lets the container start without it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretEnvSource(String name, Boolean optional) {}
