package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One source of a projected volume: exactly one of a secret, a config map or downward API files.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeProjection(
    SecretProjection secret, ConfigMapProjection configMap, DownwardAPIProjection downwardAPI) {}
