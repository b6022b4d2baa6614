package dev.shoal.agent.auth;

import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.ApiTokenSpec;
import java.util.List;
import java.util.Set;

/** An authenticated client: the ApiToken it presented, with that token's role and namespaces. */
public record Caller(String tokenName, String role, Set<String> namespaces) {

  public static Caller of(ApiToken token) {
    List<String> namespaces =
        token.spec().namespaces() == null ? List.of() : token.spec().namespaces();
    return new Caller(token.metadata().name(), token.spec().role(), Set.copyOf(namespaces));
  }

  public boolean isAdmin() {
    return ApiTokenSpec.ADMIN.equals(role);
  }

  /** True when the token is limited to some namespaces and {@code namespace} is not one of them. */
  boolean outside(String namespace) {
    return !isAdmin()
        && !namespaces.isEmpty()
        && (namespace == null || !namespaces.contains(namespace));
  }
}
