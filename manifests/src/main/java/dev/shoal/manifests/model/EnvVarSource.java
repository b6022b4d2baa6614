package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where an environment variable's value comes from: exactly one of a key of a secret, a key of a
 * config map, a field of the pod, or a resource of a container.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVarSource(
    SecretKeySelector secretKeyRef,
    ConfigMapKeySelector configMapKeyRef,
    ObjectFieldSelector fieldRef,
    ResourceFieldSelector resourceFieldRef) {

  public EnvVarSource(SecretKeySelector secretKeyRef) {
    this(secretKeyRef, null, null, null);
  }

  public static EnvVarSource configMap(ConfigMapKeySelector ref) {
    return new EnvVarSource(null, ref, null, null);
  }

  public static EnvVarSource field(String fieldPath) {
    return new EnvVarSource(null, null, new ObjectFieldSelector(fieldPath), null);
  }

  public static EnvVarSource resource(ResourceFieldSelector ref) {
    return new EnvVarSource(null, null, null, ref);
  }
}
