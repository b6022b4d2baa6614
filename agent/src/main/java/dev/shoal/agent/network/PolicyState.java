package dev.shoal.agent.network;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerPort;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.NetworkPolicy;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import dev.shoal.overlay.nft.Protocol;
import dev.shoal.overlay.policy.PolicyInputs;
import dev.shoal.overlay.policy.PolicyPod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Store objects to the policy model's plain inputs (pure). */
public final class PolicyState {

  private PolicyState() {}

  /**
   * A pod as policy sees it; null for one that has finished (its address may be reused) or has none
   * yet.
   */
  public static PolicyPod pod(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    String ip = pod.status() == null ? null : pod.status().podIP();
    if (ip == null || "Succeeded".equals(phase) || "Failed".equals(phase) || pod.spec() == null) {
      return null;
    }
    List<PolicyPod.NamedPort> ports = new ArrayList<>();
    for (Container c : pod.spec().containersOrEmpty()) {
      for (ContainerPort p : c.ports() == null ? List.<ContainerPort>of() : c.ports()) {
        if (p.name() != null && p.containerPort() != null) {
          Protocol.parse(p.protocol())
              .ifPresent(
                  proto -> ports.add(new PolicyPod.NamedPort(p.name(), proto, p.containerPort())));
        }
      }
    }
    return new PolicyPod(
        pod.metadata().namespaceOrDefault(),
        pod.metadata().name(),
        pod.metadata().labels(),
        ip,
        pod.spec().nodeName(),
        Boolean.TRUE.equals(pod.spec().hostNetwork()),
        ports);
  }

  /**
   * The inputs from the store's lists, with {@code admitted} (pods this node is about to start,
   * whose address the store may not show yet) taking the place of their stored versions.
   */
  public static PolicyInputs inputs(
      List<Resource> namespaces,
      List<Resource> pods,
      List<Resource> policies,
      Collection<PolicyPod> admitted) {
    Map<String, Map<String, String>> ns = new HashMap<>();
    for (Resource r : namespaces) {
      Namespace n = (Namespace) r;
      ns.put(n.metadata().name(), n.metadata().labels());
    }
    Map<String, PolicyPod> byKey = new LinkedHashMap<>();
    for (Resource r : pods) {
      PolicyPod p = pod((Pod) r);
      if (p != null) {
        byKey.put(p.key(), p);
      }
    }
    admitted.forEach(p -> byKey.put(p.key(), p));
    List<NetworkPolicy> nps = new ArrayList<>();
    policies.forEach(r -> nps.add((NetworkPolicy) r));
    return new PolicyInputs(ns, new ArrayList<>(byKey.values()), nps);
  }
}
