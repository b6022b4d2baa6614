package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A ConfigMap as Kubernetes checks it: key names (as for secrets), a key in {@code data} or {@code
 * binaryData} but not both, base64 binary values, at most 1 MiB in all; on update an immutable one
 * keeps its data and stays immutable.
 */
final class ConfigMapRules {
  /** The most bytes one config map may hold, its text and decoded binary values together. */
  static final int MAX_TOTAL_BYTES = 1024 * 1024;

  private static final String IMMUTABLE = "field is immutable when `immutable` is set";

  private ConfigMapRules() {}

  static void validate(List<FieldError> errors, ConfigMap cm) {
    long total = 0;
    for (Map.Entry<String, String> e : new TreeMap<>(cm.dataOrEmpty()).entrySet()) {
      SecretRules.keyName(errors, "data[" + e.getKey() + "]", e.getKey());
      total += e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, String> e : new TreeMap<>(cm.binaryDataOrEmpty()).entrySet()) {
      String at = "binaryData[" + e.getKey() + "]";
      SecretRules.keyName(errors, at, e.getKey());
      if (cm.dataOrEmpty().containsKey(e.getKey())) {
        errors.add(
            FieldError.invalid(at, "\"" + e.getKey() + "\": duplicate of key present in data"));
      }
      byte[] decoded = decode(e.getValue());
      if (decoded == null) {
        errors.add(FieldError.invalid(at, "must be valid base64 (RFC 4648, with padding)"));
      } else {
        total += decoded.length;
      }
    }
    if (total > MAX_TOTAL_BYTES) {
      errors.add(
          FieldError.tooLong(
              "",
              "the config map holds " + total + " bytes; it may hold at most " + MAX_TOTAL_BYTES));
    }
  }

  static void update(List<FieldError> errors, ConfigMap old, ConfigMap updated) {
    if (!Boolean.TRUE.equals(old.immutable())) {
      return;
    }
    if (!Boolean.TRUE.equals(updated.immutable())) {
      errors.add(FieldError.forbidden("immutable", IMMUTABLE));
    }
    if (!Objects.equals(old.dataOrEmpty(), updated.dataOrEmpty())) {
      errors.add(FieldError.forbidden("data", IMMUTABLE));
    }
    if (!Objects.equals(old.binaryDataOrEmpty(), updated.binaryDataOrEmpty())) {
      errors.add(FieldError.forbidden("binaryData", IMMUTABLE));
    }
  }

  private static byte[] decode(String value) {
    if (value == null) {
      return new byte[0];
    }
    if (value.length() % 4 != 0) {
      return null; // Go's StdEncoding, as Kubernetes decodes it, wants the padding
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
