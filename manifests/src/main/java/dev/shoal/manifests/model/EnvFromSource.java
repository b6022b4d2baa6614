package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every key of a config map or of a secret (exactly one of them) as environment variables, each
 * name preceded by {@code prefix}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvFromSource(
    String prefix, ConfigMapEnvSource configMapRef, SecretEnvSource secretRef) {

  public EnvFromSource(String prefix, SecretEnvSource secretRef) {
    this(prefix, null, secretRef);
  }

  public EnvFromSource(String prefix, ConfigMapEnvSource configMapRef) {
    this(prefix, configMapRef, null);
  }
}
