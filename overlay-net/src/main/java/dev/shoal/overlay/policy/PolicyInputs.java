package dev.shoal.overlay.policy;

import dev.shoal.manifests.model.NetworkPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state policy is judged on: namespace labels by namespace name, pods, policies. Every
 * namespace carries {@code kubernetes.io/metadata.name: <name>} here even if its stored object
 * lacks it (as the API server sets it on every write).
 */
public record PolicyInputs(
    Map<String, Map<String, String>> namespaces,
    List<PolicyPod> pods,
    List<NetworkPolicy> policies) {

  public static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  public PolicyInputs {
    Map<String, Map<String, String>> ns = new HashMap<>();
    namespaces.forEach((name, labels) -> ns.put(name, withNameLabel(name, labels)));
    // a pod's namespace exists for selection even if its Namespace was not read (yet)
    pods.forEach(p -> ns.computeIfAbsent(p.namespace(), n -> withNameLabel(n, Map.of())));
    namespaces = Map.copyOf(ns);
    pods = List.copyOf(pods);
    policies = List.copyOf(policies);
  }

  private static Map<String, String> withNameLabel(String name, Map<String, String> labels) {
    Map<String, String> out = new HashMap<>(labels == null ? Map.of() : labels);
    out.put(NAMESPACE_NAME_LABEL, name);
    return Map.copyOf(out);
  }
}
