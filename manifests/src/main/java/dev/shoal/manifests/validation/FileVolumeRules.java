package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.ConfigMapProjection;
import dev.shoal.manifests.model.ConfigMapVolumeSource;
import dev.shoal.manifests.model.DownwardAPIVolumeFile;
import dev.shoal.manifests.model.ProjectedVolumeSource;
import dev.shoal.manifests.model.SecretProjection;
import dev.shoal.manifests.model.VolumeProjection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The volumes whose files the node writes besides secrets: a config map, downward API files, and
 * projected volumes that combine secrets, config maps and downward API files (no two files at the
 * same path).
 */
final class FileVolumeRules {
  private FileVolumeRules() {}

  /** {@code at} is the volume's path, e.g. {@code spec.volumes[2]}. */
  static void configMap(List<FieldError> errors, ConfigMapVolumeSource s, String at) {
    at = at + ".configMap";
    SecretRefRules.secretName(errors, at + ".name", s.name());
    SecretRefRules.mode(errors, at + ".defaultMode", s.defaultMode());
    SecretRefRules.items(errors, s.itemsOrEmpty(), at + ".items", new HashSet<>());
  }

  static void downwardAPI(
      List<FieldError> errors,
      List<DownwardAPIVolumeFile> items,
      Integer defaultMode,
      String at,
      Set<String> containers) {
    at = at + ".downwardAPI";
    SecretRefRules.mode(errors, at + ".defaultMode", defaultMode);
    files(errors, items, at + ".items", new HashSet<>(), containers);
  }

  static void projected(
      List<FieldError> errors, ProjectedVolumeSource p, String at, Set<String> containers) {
    at = at + ".projected";
    SecretRefRules.mode(errors, at + ".defaultMode", p.defaultMode());
    if (p.sources() == null) {
      errors.add(FieldError.required(at + ".sources", "must be specified"));
      return;
    }
    Set<String> paths = new HashSet<>();
    for (int i = 0; i < p.sources().size(); i++) {
      VolumeProjection source = p.sources().get(i);
      String sa = Checks.index(at + ".sources", i);
      int kinds =
          (source.secret() != null ? 1 : 0)
              + (source.configMap() != null ? 1 : 0)
              + (source.downwardAPI() != null ? 1 : 0);
      if (kinds == 0) {
        errors.add(
            FieldError.required(
                sa, "must specify exactly 1 of: secret, configMap, downwardAPI (Shoal supports)"));
      } else if (kinds > 1) {
        errors.add(FieldError.forbidden(sa, "may not specify more than 1 volume type per source"));
      }
      if (source.secret() != null) {
        SecretProjection s = source.secret();
        SecretRefRules.secretName(errors, sa + ".secret.name", s.name());
        SecretRefRules.items(errors, s.itemsOrEmpty(), sa + ".secret.items", paths);
      }
      if (source.configMap() != null) {
        ConfigMapProjection c = source.configMap();
        SecretRefRules.secretName(errors, sa + ".configMap.name", c.name());
        SecretRefRules.items(errors, c.itemsOrEmpty(), sa + ".configMap.items", paths);
      }
      if (source.downwardAPI() != null) {
        files(
            errors,
            source.downwardAPI().itemsOrEmpty(),
            sa + ".downwardAPI.items",
            paths,
            containers);
      }
    }
  }

  private static void files(
      List<FieldError> errors,
      List<DownwardAPIVolumeFile> items,
      String at,
      Set<String> paths,
      Set<String> containers) {
    for (int i = 0; items != null && i < items.size(); i++) {
      DownwardAPIVolumeFile f = items.get(i);
      String fa = Checks.index(at, i);
      SecretRefRules.relativePath(errors, fa + ".path", f.path());
      if (Checks.present(f.path()) && !paths.add(f.path())) {
        errors.add(FieldError.duplicate(fa + ".path", "\"" + f.path() + "\""));
      }
      SecretRefRules.mode(errors, fa + ".mode", f.mode());
      if (f.fieldRef() != null && f.resourceFieldRef() != null) {
        errors.add(
            FieldError.invalid(
                fa, "fieldRef and resourceFieldRef can not be specified simultaneously"));
      } else if (f.fieldRef() != null) {
        DownwardFieldRules.fieldRef(errors, f.fieldRef(), fa + ".fieldRef", true);
      } else if (f.resourceFieldRef() != null) {
        DownwardFieldRules.resourceFieldRef(
            errors, f.resourceFieldRef(), fa + ".resourceFieldRef", containers);
      } else {
        errors.add(FieldError.required(fa, "one of fieldRef and resourceFieldRef is required"));
      }
    }
  }
}
