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

  /**
   * Names only the sources set, so a container that reads a secret key prints (and hashes) as it
   * did before the other sources existed, and keeps running across an upgrade of the agent.
   */
  @Override
  public String toString() {
    java.util.List<String> set = new java.util.ArrayList<>();
    if (secretKeyRef != null) {
      set.add("secretKeyRef=" + secretKeyRef);
    }
    if (configMapKeyRef != null) {
      set.add("configMapKeyRef=" + configMapKeyRef);
    }
    if (fieldRef != null) {
      set.add("fieldRef=" + fieldRef);
    }
    if (resourceFieldRef != null) {
      set.add("resourceFieldRef=" + resourceFieldRef);
    }
    if (set.isEmpty()) {
      set.add("secretKeyRef=null");
    }
    return "EnvVarSource[" + String.join(", ", set) + "]";
  }
}
