package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An environment variable of a container: a literal {@code value}, or one taken from a secret
 * ({@code valueFrom}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVar(String name, String value, EnvVarSource valueFrom) {

  public EnvVar(String name, String value) {
    this(name, value, null);
  }
}
