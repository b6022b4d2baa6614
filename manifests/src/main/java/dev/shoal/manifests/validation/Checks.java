package dev.shoal.manifests.validation;

import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Small checks shared by the rules; each adds its errors (with the field path) to the given list.
 */
final class Checks {
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

  private Checks() {}

  static boolean present(String value) {
    return value != null && !value.isEmpty();
  }

  static void required(List<FieldError> errors, String path, Object value) {
    if (value == null
        || value instanceof String s && s.isEmpty()
        || value instanceof List<?> l && l.isEmpty()
        || value instanceof Map<?, ?> m && m.isEmpty()) {
      errors.add(FieldError.required(path, "must be specified"));
    }
  }

  /** A name checked by one of the {@link Names} rules (nothing is added when absent). */
  static void name(
      List<FieldError> errors, String path, String value, Function<String, List<String>> rule) {
    if (value != null) {
      rule.apply(value)
          .forEach(m -> errors.add(FieldError.invalid(path, "\"" + value + "\": " + m)));
    }
  }

  static void port(List<FieldError> errors, String path, Integer port) {
    if (port != null && (port < 1 || port > 65535)) {
      errors.add(FieldError.invalid(path, port + ": must be between 1 and 65535, inclusive"));
    }
  }

  /** A port by number (1-65535) or by name (an IANA service name). */
  static void portNumberOrName(List<FieldError> errors, String path, IntOrString port) {
    if (port == null) {
      return;
    }
    if (port.isInt()) {
      port(errors, path, port.intValue());
    } else {
      name(errors, path, port.stringValue(), Names::ianaSvcName);
    }
  }

  static void nonNegative(List<FieldError> errors, String path, Number value) {
    if (value != null && value.longValue() < 0) {
      errors.add(FieldError.invalid(path, value + ": must be greater than or equal to 0"));
    }
  }

  static void atLeast(List<FieldError> errors, String path, Integer value, int min) {
    if (value != null && value < min) {
      errors.add(FieldError.invalid(path, value + ": must be greater than or equal to " + min));
    }
  }

  static void oneOf(List<FieldError> errors, String path, String value, List<String> supported) {
    if (value != null && !supported.contains(value)) {
      errors.add(
          FieldError.notSupported(
              path,
              "\""
                  + value
                  + "\": supported values: "
                  + supported.stream()
                      .map(s -> "\"" + s + "\"")
                      .collect(Collectors.joining(", "))));
    }
  }

  /**
   * Label keys and values, as Kubernetes reports them: all at the map's path, naming the bad key or
   * value.
   */
  static void labels(List<FieldError> errors, String path, Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    new TreeMap<>(labels)
        .forEach(
            (k, v) -> {
              name(errors, path, k, Names::qualifiedName);
              name(errors, path, v, Names::labelValue);
            });
  }

  /** A quantity string that parses and is not negative. */
  static Quantity quantity(List<FieldError> errors, String path, String text) {
    Result<Quantity> q = Quantity.parse(text);
    if (!q.isOk()) {
      errors.add(FieldError.invalid(path, "\"" + text + "\": " + q.error()));
      return null;
    }
    if (q.value().isNegative()) {
      errors.add(FieldError.invalid(path, "\"" + text + "\": must be greater than or equal to 0"));
      return null;
    }
    return q.value();
  }

  static boolean isIp(String value) {
    if (value == null) {
      return false;
    }
    if (IPV4.matcher(value).matches()) {
      return true;
    }
    if (!value.contains(":") || !IPV6.matcher(value).matches()) {
      return false;
    }
    try {
      // An IPv6 literal is parsed, never looked up.
      java.net.InetAddress.getByName(value);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  static boolean isCidr(String value) {
    int slash = value == null ? -1 : value.indexOf('/');
    if (slash < 0 || !isIp(value.substring(0, slash))) {
      return false;
    }
    String bits = value.substring(slash + 1);
    if (!bits.matches("[0-9]{1,3}")) {
      return false;
    }
    int max = value.contains(":") ? 128 : 32;
    return Integer.parseInt(bits) <= max;
  }

  static void ip(List<FieldError> errors, String path, String value) {
    if (value != null && !isIp(value)) {
      errors.add(
          FieldError.invalid(
              path,
              "\"" + value + "\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }
  }

  static void cidr(List<FieldError> errors, String path, String value) {
    if (value != null && !isCidr(value)) {
      errors.add(
          FieldError.invalid(
              path,
              "\""
                  + value
                  + "\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
    }
  }

  static String index(String path, int i) {
    return path + "[" + i + "]";
  }
}
