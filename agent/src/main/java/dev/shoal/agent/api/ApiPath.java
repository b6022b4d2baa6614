package dev.shoal.agent.api;

import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.ResourceKinds;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * A parsed Kubernetes-shaped resource URL: {@code /api/v1/namespaces/{ns}/pods/{name}/status},
 * {@code /apis/apps/v1/replicasets} and so on. {@code namespace} is null for cluster-scoped kinds
 * and all-namespaces lists; {@code name} is null for collections.
 */
public record ApiPath(KindInfo kind, String namespace, String name, String subresource) {

  public boolean isCollection() {
    return name == null;
  }

  private static final String PARSED = "shoal.apiPath";

  /**
   * The request's path parsed once per request: the request metrics and the resource handlers both
   * read it, and the split runs on every request.
   */
  static Optional<ApiPath> of(RoutingContext ctx) {
    Optional<ApiPath> parsed = ctx.get(PARSED);
    if (parsed == null) {
      parsed = parse(ctx.request().path());
      ctx.put(PARSED, parsed);
    }
    return parsed;
  }

  /** Parses a request path; empty when it names no known resource. */
  public static Optional<ApiPath> parse(String path) {
    List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
    String group;
    String version;
    List<String> rest;
    if (parts.size() >= 2 && parts.get(0).equals("api")) {
      group = "";
      version = parts.get(1);
      rest = parts.subList(2, parts.size());
    } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      version = parts.get(2);
      rest = parts.subList(3, parts.size());
    } else {
      return Optional.empty();
    }
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      Optional<KindInfo> namespaced =
          lookup(group, version, rest.get(2)).filter(KindInfo::namespaced);
      if (namespaced.isPresent()) {
        return scoped(namespaced.get(), rest.get(1), rest.subList(3, rest.size()));
      }
    }
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    Optional<KindInfo> kind = lookup(group, version, rest.get(0));
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    List<String> tail = rest.subList(1, rest.size());
    if (kind.get().namespaced()) {
      // Only the all-namespaces list form exists for namespaced kinds outside /namespaces/{ns}/.
      return tail.isEmpty()
          ? Optional.of(new ApiPath(kind.get(), null, null, null))
          : Optional.empty();
    }
    return scoped(kind.get(), null, tail);
  }

  private static Optional<KindInfo> lookup(String group, String version, String plural) {
    return ResourceKinds.byGroupAndPlural(group, plural)
        .filter(kind -> kind.version().equals(version));
  }

  private static Optional<ApiPath> scoped(KindInfo kind, String namespace, List<String> tail) {
    return switch (tail.size()) {
      case 0 -> Optional.of(new ApiPath(kind, namespace, null, null));
      case 1 -> Optional.of(new ApiPath(kind, namespace, tail.get(0), null));
      case 2 -> Optional.of(new ApiPath(kind, namespace, tail.get(0), tail.get(1)));
      default -> Optional.empty();
    };
  }
}
