package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.ConfigMapKeySelector;
import dev.shoal.manifests.model.EnvFromSource;
import dev.shoal.manifests.model.EnvVar;
import dev.shoal.manifests.model.EnvVarSource;
import dev.shoal.manifests.model.SecretKeySelector;
import java.util.List;

/**
 * Where a container's environment comes from, as Kubernetes checks it: each {@code valueFrom} names
 * exactly one source (a secret or config map key, a pod field, a container resource), each {@code
 * envFrom} exactly one of a config map or a secret.
 */
final class EnvSourceRules {
  private EnvSourceRules() {}

  /** {@code at} is the env entry's path, e.g. {@code spec.containers[0].env[1]}. */
  static void envVar(List<FieldError> errors, EnvVar e, String at) {
    EnvVarSource from = e.valueFrom();
    if (from == null) {
      return;
    }
    String va = at + ".valueFrom";
    if (e.value() != null && !e.value().isEmpty()) {
      errors.add(FieldError.invalid(va, "may not be specified when `value` is not empty"));
    }
    int sources =
        (from.secretKeyRef() != null ? 1 : 0)
            + (from.configMapKeyRef() != null ? 1 : 0)
            + (from.fieldRef() != null ? 1 : 0)
            + (from.resourceFieldRef() != null ? 1 : 0);
    if (sources == 0) {
      errors.add(
          FieldError.invalid(
              va,
              "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or"
                  + " `secretKeyRef`"));
      return;
    }
    if (sources > 1) {
      errors.add(FieldError.invalid(va, "may not have more than one field specified at a time"));
      return;
    }
    if (from.secretKeyRef() != null) {
      SecretKeySelector ref = from.secretKeyRef();
      keyRef(errors, va + ".secretKeyRef", ref.name(), ref.key());
    } else if (from.configMapKeyRef() != null) {
      ConfigMapKeySelector ref = from.configMapKeyRef();
      keyRef(errors, va + ".configMapKeyRef", ref.name(), ref.key());
    } else if (from.fieldRef() != null) {
      DownwardFieldRules.fieldRef(errors, from.fieldRef(), va + ".fieldRef", false);
    } else {
      DownwardFieldRules.resourceFieldRef(
          errors, from.resourceFieldRef(), va + ".resourceFieldRef", null);
    }
  }

  /** {@code at} is the list's path, e.g. {@code spec.containers[0].envFrom}. */
  static void envFrom(List<FieldError> errors, List<EnvFromSource> sources, String at) {
    for (int i = 0; sources != null && i < sources.size(); i++) {
      EnvFromSource s = sources.get(i);
      String sa = Checks.index(at, i);
      if (s.prefix() != null && !s.prefix().isEmpty()) {
        Checks.name(errors, sa + ".prefix", s.prefix(), Names::envVarName);
      }
      if (s.configMapRef() != null && s.secretRef() != null) {
        errors.add(FieldError.invalid(sa, "may not have more than one field specified at a time"));
      } else if (s.configMapRef() != null) {
        SecretRefRules.secretName(errors, sa + ".configMapRef.name", s.configMapRef().name());
      } else if (s.secretRef() != null) {
        SecretRefRules.secretName(errors, sa + ".secretRef.name", s.secretRef().name());
      } else {
        errors.add(FieldError.invalid(sa, "must specify one of: `configMapRef` or `secretRef`"));
      }
    }
  }

  private static void keyRef(List<FieldError> errors, String at, String name, String key) {
    SecretRefRules.secretName(errors, at + ".name", name);
    if (!Checks.present(key)) {
      errors.add(FieldError.required(at + ".key", "must be specified"));
    } else {
      SecretRules.keyName(errors, at + ".key", key);
    }
  }
}
