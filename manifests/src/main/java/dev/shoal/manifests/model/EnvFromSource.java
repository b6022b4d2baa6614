package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every key of a secret as environment variables, each name preceded by {@code prefix}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvFromSource(String prefix, SecretEnvSource secretRef) {}
