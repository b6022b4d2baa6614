package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.Capabilities;
import dev.shoal.manifests.model.KeyToPath;
import dev.shoal.manifests.model.SecretVolumeSource;
import dev.shoal.manifests.model.SecurityContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Secret volumes, the key-to-path items and file modes every file volume shares, and a container's
 * securityContext.
 */
final class SecretRefRules {
  private static final int MAX_MODE = 0777;
  private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z_]+");

  private SecretRefRules() {}

  /** {@code at} is the volume's path, e.g. {@code spec.volumes[2]}. */
  static void volume(List<FieldError> errors, SecretVolumeSource s, String at) {
    at = at + ".secret";
    if (!Checks.present(s.secretName())) {
      errors.add(FieldError.required(at + ".secretName", "must be specified"));
    } else {
      Checks.name(errors, at + ".secretName", s.secretName(), Names::dns1123Subdomain);
    }
    mode(errors, at + ".defaultMode", s.defaultMode());
    items(errors, s.itemsOrEmpty(), at + ".items", new HashSet<>());
  }

  /**
   * Key-to-path items of a secret or config map source; {@code paths} collects the paths already
   * used in the volume, so a projected volume finds duplicates across its sources.
   */
  static void items(List<FieldError> errors, List<KeyToPath> items, String at, Set<String> paths) {
    for (int i = 0; i < items.size(); i++) {
      KeyToPath item = items.get(i);
      String ia = Checks.index(at, i);
      if (!Checks.present(item.key())) {
        errors.add(FieldError.required(ia + ".key", "must be specified"));
      } else {
        SecretRules.keyName(errors, ia + ".key", item.key());
      }
      relativePath(errors, ia + ".path", item.path());
      if (Checks.present(item.path()) && !paths.add(item.path())) {
        errors.add(FieldError.duplicate(ia + ".path", "\"" + item.path() + "\""));
      }
      mode(errors, ia + ".mode", item.mode());
    }
  }

  static void securityContext(List<FieldError> errors, SecurityContext sc, String at) {
    if (sc == null) {
      return;
    }
    at = at + ".securityContext";
    if (sc.runAsUser() != null && (sc.runAsUser() < 0 || sc.runAsUser() > Integer.MAX_VALUE)) {
      errors.add(
          FieldError.invalid(
              at + ".runAsUser", sc.runAsUser() + ": must be between 0 and 2147483647, inclusive"));
    }
    Capabilities caps = sc.capabilities();
    if (caps != null) {
      capabilities(errors, caps.addOrEmpty(), at + ".capabilities.add");
      capabilities(errors, caps.dropOrEmpty(), at + ".capabilities.drop");
    }
  }

  private static void capabilities(List<FieldError> errors, List<String> names, String at) {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null || !CAPABILITY.matcher(name).matches()) {
        errors.add(
            FieldError.invalid(
                Checks.index(at, i),
                "\"" + name + "\": must be a capability name such as NET_ADMIN or ALL"));
      }
    }
  }

  static void secretName(List<FieldError> errors, String at, String name) {
    if (!Checks.present(name)) {
      errors.add(FieldError.required(at, "must be specified"));
    } else {
      Checks.name(errors, at, name, Names::dns1123Subdomain);
    }
  }

  static void mode(List<FieldError> errors, String at, Integer mode) {
    if (mode != null && (mode < 0 || mode > MAX_MODE)) {
      errors.add(
          FieldError.invalid(
              at, mode + ": must be a number between 0 and 0777 (octal), both inclusive"));
    }
  }

  /** A file path inside a volume: relative, without {@code ..} elements. */
  static void relativePath(List<FieldError> errors, String at, String path) {
    if (!Checks.present(path)) {
      errors.add(FieldError.required(at, "must be specified"));
      return;
    }
    if (path.startsWith("/")) {
      errors.add(FieldError.invalid(at, "\"" + path + "\": must be a relative path"));
    }
    if (List.of(path.split("/")).contains("..")) {
      errors.add(FieldError.invalid(at, "\"" + path + "\": must not contain '..'"));
    } else if (path.startsWith("..")) {
      errors.add(FieldError.invalid(at, "\"" + path + "\": must not start with '..'"));
    }
  }
}
