package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.Secret;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A Secret as Kubernetes checks it: key names, base64 values, at most 1 MiB of data in all, and on
 * update an immutable secret's data and every secret's type stay as they were. Messages never quote
 * a value.
 */
public final class SecretRules {
  /**
   * The most data (decoded bytes, {@code data} and {@code stringData} together) one secret may
   * hold.
   */
  public static final int MAX_TOTAL_BYTES = 1024 * 1024;

  private static final int MAX_KEY_LENGTH = 253;
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  private SecretRules() {}

  static void validate(List<FieldError> errors, Secret secret) {
    if (secret.type() != null && secret.type().isEmpty()) {
      errors.add(FieldError.required("type", "must not be empty"));
    }
    long total = 0;
    for (Map.Entry<String, String> e : new TreeMap<>(secret.dataOrEmpty()).entrySet()) {
      String at = "data[" + e.getKey() + "]";
      keyName(errors, at, e.getKey());
      byte[] decoded = decode(e.getValue());
      if (decoded == null) {
        errors.add(FieldError.invalid(at, "must be valid base64 (RFC 4648, with padding)"));
      } else {
        total += decoded.length;
      }
    }
    Map<String, String> plain = secret.stringData() == null ? Map.of() : secret.stringData();
    for (Map.Entry<String, String> e : new TreeMap<>(plain).entrySet()) {
      keyName(errors, "stringData[" + e.getKey() + "]", e.getKey());
      if (!secret.dataOrEmpty().containsKey(e.getKey())) {
        total +=
            e.getValue() == null
                ? 0
                : e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      }
    }
    if (total > MAX_TOTAL_BYTES) {
      errors.add(
          FieldError.tooLong(
              "data",
              "the secret holds " + total + " bytes; it may hold at most " + MAX_TOTAL_BYTES));
    }
  }

  /** Whether {@code key} may name a secret's entry (and so a file in a secret volume). */
  public static boolean isValidKey(String key) {
    return keyProblem(key) == null;
  }

  static void keyName(List<FieldError> errors, String at, String key) {
    String problem = keyProblem(key);
    if (problem != null) {
      errors.add(FieldError.invalid(at, "\"" + key + "\": " + problem));
    }
  }

  private static String keyProblem(String key) {
    if (key == null || key.isEmpty()) {
      return "must not be empty";
    }
    if (key.length() > MAX_KEY_LENGTH) {
      return "must be no more than " + MAX_KEY_LENGTH + " characters";
    }
    if (!KEY.matcher(key).matches()) {
      return "a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
          + "(e.g. 'key.name', or 'KEY_NAME', or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
    }
    if (key.equals(".") || key.equals("..") || key.startsWith("..")) {
      return "must not be '.' or '..' or start with '..'";
    }
    return null;
  }

  /**
   * The update rules: an immutable secret keeps its data and stays immutable; no secret changes its
   * type.
   */
  static void update(List<FieldError> errors, Secret old, Secret updated) {
    if (!Objects.equals(typeOf(old), typeOf(updated))) {
      errors.add(FieldError.invalid("type", "\"" + typeOf(updated) + "\": field is immutable"));
    }
    if (Boolean.TRUE.equals(old.immutable())) {
      if (!Boolean.TRUE.equals(updated.immutable())) {
        errors.add(FieldError.forbidden("immutable", "field is immutable when `immutable` is set"));
      }
      if (!old.dataOrEmpty().equals(updated.dataOrEmpty()) || updated.stringData() != null) {
        errors.add(FieldError.forbidden("data", "field is immutable when `immutable` is set"));
      }
    }
  }

  private static String typeOf(Secret s) {
    return s.type() == null || s.type().isEmpty() ? Secret.OPAQUE : s.type();
  }

  private static byte[] decode(String value) {
    if (value == null) {
      return new byte[0];
    }
    if (value.length() % 4 != 0) {
      return null; // Java would accept missing padding; Kubernetes (Go's StdEncoding) does not
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
