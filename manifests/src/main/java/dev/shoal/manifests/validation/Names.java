package dev.shoal.manifests.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' syntax rules for names, label keys and values, and port names. Each check returns the
 * list of reasons the text is not valid (empty when it is), worded as Kubernetes words them.
 */
public final class Names {
  public static final int DNS1123_LABEL_MAX = 63;
  public static final int DNS1123_SUBDOMAIN_MAX = 253;
  public static final int LABEL_VALUE_MAX = 63;
  public static final int QUALIFIED_NAME_MAX = 63;
  public static final int IANA_SVC_NAME_MAX = 15;

  /** Total size of all annotation keys and values of one object. */
  public static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
  private static final String DNS1035_LABEL = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QUALIFIED_NAME_PART = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE = "(" + QUALIFIED_NAME_PART + ")?";
  private static final String ENV_VAR_NAME = "[-._a-zA-Z][-._a-zA-Z0-9]*";
  private static final Pattern DNS1123_LABEL_RE = Pattern.compile(DNS1123_LABEL);
  private static final Pattern DNS1123_SUBDOMAIN_RE = Pattern.compile(DNS1123_SUBDOMAIN);
  private static final Pattern DNS1035_LABEL_RE = Pattern.compile(DNS1035_LABEL);
  private static final Pattern QUALIFIED_NAME_PART_RE = Pattern.compile(QUALIFIED_NAME_PART);
  private static final Pattern LABEL_VALUE_RE = Pattern.compile(LABEL_VALUE);
  private static final Pattern ENV_VAR_NAME_RE = Pattern.compile(ENV_VAR_NAME);
  private static final Pattern IANA_SVC_NAME_RE = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

  private Names() {}

  /** A lowercase RFC 1123 label: namespace, container, volume and service port names. */
  public static List<String> dns1123Label(String value) {
    return syntax(
        value,
        DNS1123_LABEL_MAX,
        DNS1123_LABEL_RE,
        "a lowercase RFC 1123 label must consist of lower "
            + "case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
            + "'my-name', or '123-abc', regex used for validation is '"
            + DNS1123_LABEL
            + "')");
  }

  /** A lowercase RFC 1123 subdomain: pod, replica set, deployment and node names. */
  public static List<String> dns1123Subdomain(String value) {
    return syntax(
        value,
        DNS1123_SUBDOMAIN_MAX,
        DNS1123_SUBDOMAIN_RE,
        "a lowercase RFC 1123 subdomain must "
            + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
            + "character (e.g. 'example.com', regex used for validation is '"
            + DNS1123_SUBDOMAIN
            + "')");
  }

  /** An RFC 1035 label (starts with a letter): service names, which become DNS names. */
  public static List<String> dns1035Label(String value) {
    return syntax(
        value,
        DNS1123_LABEL_MAX,
        DNS1035_LABEL_RE,
        "a DNS-1035 label must consist of lower case "
            + "alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric "
            + "character (e.g. 'my-name', or 'abc-123', regex used for validation is '"
            + DNS1035_LABEL
            + "')");
  }

  /**
   * A label or annotation key: an optional DNS subdomain prefix and '/', then a name of up to 63
   * characters.
   */
  public static List<String> qualifiedName(String value) {
    List<String> errors = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        dns1123Subdomain(prefix).forEach(e -> errors.add("prefix part " + e));
      }
    } else {
      errors.add(
          "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and "
              + "end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for "
              + "validation is '"
              + QUALIFIED_NAME_PART
              + "') with an optional DNS subdomain prefix and '/' "
              + "(e.g. 'example.com/MyName')");
      return errors;
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (name.length() > QUALIFIED_NAME_MAX) {
      errors.add("name part " + maxLength(QUALIFIED_NAME_MAX));
    }
    if (!name.isEmpty() && !QUALIFIED_NAME_PART_RE.matcher(name).matches()) {
      errors.add(
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
              + "an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '"
              + QUALIFIED_NAME_PART
              + "')");
    }
    return errors;
  }

  /**
   * A label value: empty, or up to 63 alphanumerics, '-', '_' and '.', starting and ending
   * alphanumeric.
   */
  public static List<String> labelValue(String value) {
    return syntax(
        value,
        LABEL_VALUE_MAX,
        LABEL_VALUE_RE,
        "a valid label must be an empty string or consist of "
            + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'MyValue', or 'my_value', or '12345', regex used for validation is '"
            + LABEL_VALUE
            + "')");
  }

  /**
   * An IANA service name: container and target port names (at most 15 characters, at least one
   * letter).
   */
  public static List<String> ianaSvcName(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > IANA_SVC_NAME_MAX) {
      errors.add(maxLength(IANA_SVC_NAME_MAX));
    }
    if (!IANA_SVC_NAME_RE.matcher(value).matches()) {
      errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (value.contains("--")) {
      errors.add("must not contain consecutive hyphens");
    }
    if (!HAS_LETTER.matcher(value).matches()) {
      errors.add("must contain at least one letter (a-z)");
    }
    if (value.startsWith("-") || value.endsWith("-")) {
      errors.add("must not begin or end with a hyphen");
    }
    return errors;
  }

  /** An environment variable name. */
  public static List<String> envVarName(String value) {
    return ENV_VAR_NAME_RE.matcher(value).matches()
        ? List.of()
        : List.of(
            "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or "
                + "'.', and must not start with a digit (e.g. 'my.env-name', or 'MY_ENV.NAME', or 'MyEnvName1', regex "
                + "used for validation is '"
                + ENV_VAR_NAME
                + "')");
  }

  /** Bytes of all annotation keys and values together. */
  public static long annotationsSize(java.util.Map<String, String> annotations) {
    long total = 0;
    for (var e : annotations.entrySet()) {
      total += e.getKey().getBytes(StandardCharsets.UTF_8).length;
      total += e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return total;
  }

  /**
   * The two checks most rules are made of: a maximum length, and a pattern with its explanation.
   */
  private static List<String> syntax(String value, int max, Pattern pattern, String explanation) {
    List<String> errors = new ArrayList<>(2);
    if (value.length() > max) {
      errors.add(maxLength(max));
    }
    if (!pattern.matcher(value).matches()) {
      errors.add(explanation);
    }
    return errors;
  }

  private static String maxLength(int max) {
    return "must be no more than " + max + " characters";
  }
}
