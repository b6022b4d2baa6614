package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.ApiTokenSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * ApiTokens: a known role; {@code edit} needs the namespaces it may write in, each a valid name;
 * the hash of the secret is there (the API fills it in when a token is created without one).
 */
final class ApiTokenRules {
  private static final List<String> ROLES =
      List.of(ApiTokenSpec.ADMIN, ApiTokenSpec.EDIT, ApiTokenSpec.VIEW);

  private ApiTokenRules() {}

  static List<FieldError> spec(ApiTokenSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    Checks.required(errors, "spec.role", spec.role());
    Checks.oneOf(errors, "spec.role", spec.role(), ROLES);
    List<String> namespaces = spec.namespaces() == null ? List.of() : spec.namespaces();
    if (ApiTokenSpec.EDIT.equals(spec.role()) && namespaces.isEmpty()) {
      errors.add(
          FieldError.required(
              "spec.namespaces", "must name the namespaces an edit token may write in"));
    }
    if (ApiTokenSpec.ADMIN.equals(spec.role()) && !namespaces.isEmpty()) {
      errors.add(
          FieldError.forbidden("spec.namespaces", "an admin token is not limited to namespaces"));
    }
    if (spec.tokenHash() == null) {
      errors.add(
          FieldError.required(
              "spec.tokenHash",
              "must be specified: POST the ApiToken to"
                  + " /apis/shoal.dev/v1/apitokens without it and the server makes the token"));
    } else if (!spec.tokenHash().matches("[0-9a-f]{64}")) {
      errors.add(
          FieldError.invalid(
              "spec.tokenHash", "must be the lowercase hex SHA-256 of the token's secret"));
    }
    for (int i = 0; i < namespaces.size(); i++) {
      Checks.name(
          errors, Checks.index("spec.namespaces", i), namespaces.get(i), Names::dns1123Label);
    }
    return errors;
  }
}
