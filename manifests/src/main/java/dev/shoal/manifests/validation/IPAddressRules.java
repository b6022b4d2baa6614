package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.IPAddressSpec;
import dev.shoal.manifests.model.ParentReference;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IPAddress claims: the name is an IP address in canonical form, and the spec names its parent
 * object.
 */
final class IPAddressRules {
  private static final Pattern CANONICAL_V4 =
      Pattern.compile(
          "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

  private IPAddressRules() {}

  /**
   * The name rule: a valid, canonical, specified address ({@code 10.96.0.1}, not {@code
   * 10.096.0.01}).
   */
  static List<String> name(String value) {
    if (!Checks.isIp(value)) {
      return List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }
    if (value.contains(":")
        ? !value.equals(value.toLowerCase())
        : !CANONICAL_V4.matcher(value).matches()) {
      return List.of("must be in canonical form (\"" + canonical(value) + "\")");
    }
    if (value.equals("0.0.0.0") || value.matches("[0:]+")) {
      return List.of("may not be the unspecified address");
    }
    return List.of();
  }

  static List<FieldError> spec(IPAddressSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    ParentReference ref = spec.parentRef();
    if (ref == null) {
      errors.add(FieldError.required("spec.parentRef", "must be specified"));
      return errors;
    }
    if (Checks.present(ref.group())) {
      Checks.name(errors, "spec.parentRef.group", ref.group(), Names::dns1123Subdomain);
    }
    Checks.required(errors, "spec.parentRef.resource", blankToNull(ref.resource()));
    Checks.name(
        errors, "spec.parentRef.resource", blankToNull(ref.resource()), Names::dns1123Label);
    Checks.required(errors, "spec.parentRef.name", blankToNull(ref.name()));
    Checks.name(errors, "spec.parentRef.name", blankToNull(ref.name()), Names::dns1123Subdomain);
    if (Checks.present(ref.namespace())) {
      Checks.name(errors, "spec.parentRef.namespace", ref.namespace(), Names::dns1123Label);
    }
    return errors;
  }

  private static String blankToNull(String s) {
    return Checks.present(s) ? s : null;
  }

  private static String canonical(String value) {
    try {
      return java.net.InetAddress.getByName(value).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      return value;
    }
  }
}
