package dev.shoal.agent.auth;

import dev.shoal.manifests.model.ApiToken;
import dev.shoal.manifests.model.ApiTokenSpec;
import dev.shoal.manifests.model.CertificateAuthority;
import dev.shoal.manifests.model.KindInfo;
import java.util.Optional;
import java.util.Set;

/**
 * The three roles as rules (pure):
 *
 * <ul>
 *   <li>{@code admin}: everything, except writing the CertificateAuthority, which only agents
 *       write;
 *   <li>{@code edit}: read and write namespaced objects in its namespaces, including Secrets; read
 *       cluster-scoped objects such as Namespaces and Nodes; no ApiTokens;
 *   <li>{@code view}: read namespaced objects in its namespaces (everywhere when it names none),
 *       except Secrets; read cluster-scoped objects; no ApiTokens.
 * </ul>
 *
 * A list or watch across all namespaces needs a token that is not limited to namespaces.
 */
public final class AccessRules {

  /** Kinds only an admin may see at all. */
  private static final Set<String> ADMIN_ONLY = Set.of(ApiToken.KIND, CertificateAuthority.KIND);

  private static final String SECRET = "Secret";

  private AccessRules() {}

  /** Empty when allowed; otherwise why not, worded like the Kubernetes API's 403 message. */
  public static Optional<String> denies(Caller caller, Verb verb, KindInfo kind, String namespace) {
    if (kind.kind().equals(CertificateAuthority.KIND) && !verb.reads()) {
      return Optional.of(refusal(caller, verb, kind, namespace) + ": it is managed by the agents");
    }
    if (caller.isAdmin()) {
      return Optional.empty();
    }
    boolean allowed =
        !ADMIN_ONLY.contains(kind.kind())
            && roleAllows(caller, verb, kind)
            && (!kind.namespaced() || !caller.outside(namespace));
    return allowed ? Optional.empty() : Optional.of(refusal(caller, verb, kind, namespace));
  }

  private static boolean roleAllows(Caller caller, Verb verb, KindInfo kind) {
    return switch (caller.role()) {
      case ApiTokenSpec.EDIT -> verb.reads() || kind.namespaced();
      case ApiTokenSpec.VIEW -> verb.reads() && !kind.kind().equals(SECRET);
      default -> false;
    };
  }

  private static String refusal(Caller caller, Verb verb, KindInfo kind, String namespace) {
    String resource = kind.group().isEmpty() ? kind.plural() : kind.plural() + "." + kind.group();
    String scope =
        !kind.namespaced()
            ? " at the cluster scope"
            : namespace == null
                ? " across all namespaces"
                : " in the namespace \"" + namespace + "\"";
    return "token \""
        + caller.tokenName()
        + "\" (role "
        + caller.role()
        + ") cannot "
        + verb.word()
        + " resource \""
        + resource
        + "\""
        + scope;
  }
}
