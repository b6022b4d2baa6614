package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a token may do: {@code role} is {@code admin} (everything), {@code edit} (read and write in
 * {@code namespaces}) or {@code view} (read only, in {@code namespaces} or everywhere when none are
 * given). {@code tokenHash} is the hex SHA-256 of the token's secret, set by the server.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiTokenSpec(String role, List<String> namespaces, String tokenHash) {
  public static final String ADMIN = "admin";
  public static final String EDIT = "edit";
  public static final String VIEW = "view";

  public ApiTokenSpec withTokenHash(String value) {
    return new ApiTokenSpec(role, namespaces, value);
  }
}
