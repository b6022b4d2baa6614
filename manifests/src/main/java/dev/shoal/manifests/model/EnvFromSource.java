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

  /**
   * Leaves out {@code configMapRef} when it is not set, so a container that reads a secret prints
   * (and hashes) as it did before config maps existed, and keeps running across an upgrade.
   */
  @Override
  public String toString() {
    return "EnvFromSource[prefix="
        + prefix
        + (configMapRef == null ? "" : ", configMapRef=" + configMapRef)
        + ", secretRef="
        + secretRef
        + "]";
  }
}
