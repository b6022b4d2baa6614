package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Object metadata: the name as the kind requires it, namespace, labels, annotations, owner
 * references.
 */
final class MetadataRules {
  private MetadataRules() {}

  static List<FieldError> validate(
      ObjectMeta meta, KindInfo kind, Function<String, List<String>> nameRule) {
    List<FieldError> errors = new ArrayList<>();
    if (meta == null) {
      errors.add(FieldError.required("metadata.name", "name or generateName is required"));
      return errors;
    }
    if (!Checks.present(meta.name()) && !Checks.present(meta.generateName())) {
      errors.add(FieldError.required("metadata.name", "name or generateName is required"));
    }
    Checks.name(errors, "metadata.name", meta.name(), nameRule);
    if (Checks.present(meta.generateName())) {
      // As Kubernetes: a trailing '-' is allowed in the prefix, a random suffix follows it.
      String prefix =
          meta.generateName().endsWith("-")
              ? meta.generateName().substring(0, meta.generateName().length() - 1)
              : meta.generateName();
      if (!prefix.isEmpty()) {
        nameRule
            .apply(prefix)
            .forEach(
                m ->
                    errors.add(
                        FieldError.invalid(
                            "metadata.generateName", "\"" + meta.generateName() + "\": " + m)));
      }
    }
    if (kind.namespaced()) {
      Checks.name(errors, "metadata.namespace", meta.namespace(), Names::dns1123Label);
    } else if (Checks.present(meta.namespace())) {
      errors.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
    }
    Checks.labels(errors, "metadata.labels", meta.labels());
    if (meta.annotations() != null) {
      meta.annotations().keySet().stream()
          .sorted()
          .forEach(
              k ->
                  Checks.name(
                      errors,
                      "metadata.annotations",
                      k.toLowerCase(java.util.Locale.ROOT),
                      Names::qualifiedName));
      long size = Names.annotationsSize(meta.annotations());
      if (size > Names.ANNOTATIONS_MAX_BYTES) {
        errors.add(
            FieldError.tooLong(
                "metadata.annotations",
                "may not be more than "
                    + Names.ANNOTATIONS_MAX_BYTES
                    + " bytes (is "
                    + size
                    + ")"));
      }
    }
    Checks.nonNegative(errors, "metadata.generation", meta.generation());
    List<OwnerReference> owners = meta.ownerReferences();
    int controllers = 0;
    for (int i = 0; owners != null && i < owners.size(); i++) {
      OwnerReference o = owners.get(i);
      String at = Checks.index("metadata.ownerReferences", i);
      Checks.required(errors, at + ".apiVersion", o.apiVersion());
      Checks.required(errors, at + ".kind", o.kind());
      Checks.required(errors, at + ".name", o.name());
      Checks.required(errors, at + ".uid", o.uid());
      controllers += o.isController() ? 1 : 0;
    }
    if (controllers > 1) {
      errors.add(
          FieldError.invalid(
              "metadata.ownerReferences", "only one reference can have Controller set to true"));
    }
    return errors;
  }
}
