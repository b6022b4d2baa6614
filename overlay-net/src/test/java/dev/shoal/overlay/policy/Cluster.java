package dev.shoal.overlay.policy;

import dev.shoal.manifests.model.IPBlock;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.LabelSelectorRequirement;
import dev.shoal.manifests.model.NetworkPolicy;
import dev.shoal.manifests.model.NetworkPolicyEgressRule;
import dev.shoal.manifests.model.NetworkPolicyIngressRule;
import dev.shoal.manifests.model.NetworkPolicyPeer;
import dev.shoal.manifests.model.NetworkPolicyPort;
import dev.shoal.manifests.model.NetworkPolicySpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.overlay.nft.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream e2e suite's world (test/e2e/network/netpol): namespaces x, y, z labelled {@code
 * ns=<name>}, pods a, b, c in each labelled {@code pod=<name>}, spread over three nodes so that
 * same-node and cross-node pairs both occur, each serving TCP, UDP and SCTP on 80 and 81 with named
 * ports {@code serve-<port>-<proto>}. Plus builders for policies in the upstream's terms.
 */
final class Cluster {

  static final List<String> NAMESPACES = List.of("x", "y", "z");
  static final List<String> PODS = List.of("a", "b", "c");

  final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
  final List<PolicyPod> pods = new ArrayList<>();
  final List<NetworkPolicy> policies = new ArrayList<>();

  Cluster() {
    int i = 0;
    for (String ns : NAMESPACES) {
      namespaces.put(ns, Map.of("ns", ns));
      for (String p : PODS) {
        int node = i % 3 + 1;
        List<PolicyPod.NamedPort> ports = new ArrayList<>();
        for (int port : List.of(80, 81)) {
          for (Protocol proto : Protocol.values()) {
            ports.add(new PolicyPod.NamedPort("serve-" + port + "-" + proto.nft(), proto, port));
          }
        }
        pods.add(
            new PolicyPod(
                ns,
                p,
                Map.of("pod", p),
                "198.18." + node + "." + (10 + i),
                "h" + node,
                false,
                ports));
        i++;
      }
    }
  }

  PolicyInputs inputs() {
    return new PolicyInputs(namespaces, pods, policies);
  }

  PolicyPod pod(String key) {
    return pods.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow();
  }

  void relabel(String key, Map<String, String> labels) {
    PolicyPod p = pod(key);
    pods.set(
        pods.indexOf(p),
        new PolicyPod(p.namespace(), p.name(), labels, p.ip(), p.node(), false, p.ports()));
  }

  static NetworkPolicy policy(
      String ns,
      String name,
      LabelSelector podSelector,
      List<String> types,
      List<NetworkPolicyIngressRule> ingress,
      List<NetworkPolicyEgressRule> egress) {
    return new NetworkPolicy(
        ObjectMeta.named(ns, name), new NetworkPolicySpec(podSelector, types, ingress, egress));
  }

  static LabelSelector all() {
    return new LabelSelector(null, null);
  }

  static LabelSelector labels(String k, String v) {
    return LabelSelector.matching(Map.of(k, v));
  }

  static LabelSelector in(String k, String... values) {
    return new LabelSelector(null, List.of(new LabelSelectorRequirement(k, "In", List.of(values))));
  }

  static NetworkPolicyPeer pods(LabelSelector s) {
    return new NetworkPolicyPeer(s, null, null);
  }

  static NetworkPolicyPeer namespaces(LabelSelector s) {
    return new NetworkPolicyPeer(null, s, null);
  }

  static NetworkPolicyPeer both(LabelSelector pods, LabelSelector namespaces) {
    return new NetworkPolicyPeer(pods, namespaces, null);
  }

  static NetworkPolicyPeer block(String cidr, String... except) {
    return new NetworkPolicyPeer(
        null, null, new IPBlock(cidr, except.length == 0 ? null : List.of(except)));
  }

  static NetworkPolicyPort port(String proto, int port) {
    return new NetworkPolicyPort(proto, IntOrString.of(port), null);
  }

  static NetworkPolicyPort port(String proto, int port, int endPort) {
    return new NetworkPolicyPort(proto, IntOrString.of(port), endPort);
  }

  static NetworkPolicyPort named(String proto, String name) {
    return new NetworkPolicyPort(proto, IntOrString.of(name), null);
  }

  static NetworkPolicyIngressRule from(List<NetworkPolicyPeer> peers, NetworkPolicyPort... ports) {
    return new NetworkPolicyIngressRule(peers, ports.length == 0 ? null : List.of(ports));
  }

  static NetworkPolicyEgressRule to(List<NetworkPolicyPeer> peers, NetworkPolicyPort... ports) {
    return new NetworkPolicyEgressRule(peers, ports.length == 0 ? null : List.of(ports));
  }
}
