package dev.shoal.overlay.policy;

import dev.shoal.manifests.model.IPBlock;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.NetworkPolicy;
import dev.shoal.manifests.model.NetworkPolicyEgressRule;
import dev.shoal.manifests.model.NetworkPolicyIngressRule;
import dev.shoal.manifests.model.NetworkPolicyPeer;
import dev.shoal.manifests.model.NetworkPolicyPort;
import dev.shoal.manifests.model.NetworkPolicySpec;
import dev.shoal.manifests.selectors.Selector;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.Ipv4;
import dev.shoal.overlay.nft.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' NetworkPolicy semantics over plain inputs. A pod is isolated in a direction when a
 * policy of its namespace selects it and has that direction in its (defaulted) {@code policyTypes};
 * it then allows the union of those policies' rules. A rule allows its peers ({@code from}/{@code
 * to} absent or empty: every address) on its ports (absent or empty: every protocol and port). A
 * peer is a {@code podSelector} (pods of the policy's namespace), a {@code namespaceSelector}
 * (every pod of those namespaces), both (pods matching both: AND) or an {@code ipBlock} without its
 * {@code except} (pod addresses included). A port is a protocol (TCP when absent) and a number, a
 * range up to {@code endPort}, no port (all of them) or a name, resolved against the container
 * ports of each destination pod: the pod itself for ingress, each peer pod for egress.
 */
public final class PolicyEvaluator {

  private final PolicyInputs in;
  private final Map<String, Selector> selectors = new HashMap<>();

  public PolicyEvaluator(PolicyInputs inputs) {
    this.in = inputs;
  }

  /** {@code policyTypes} as the API defaults it: Ingress, plus Egress when egress has rules. */
  public static List<Direction> policyTypes(NetworkPolicySpec spec) {
    if (spec.policyTypes() != null && !spec.policyTypes().isEmpty()) {
      List<Direction> out = new ArrayList<>();
      for (Direction d : Direction.values()) {
        if (spec.policyTypes().contains(d.kubernetes())) {
          out.add(d);
        }
      }
      return out;
    }
    return spec.egress() != null && !spec.egress().isEmpty()
        ? List.of(Direction.INGRESS, Direction.EGRESS)
        : List.of(Direction.INGRESS);
  }

  /** One side of a judged connection: the pod there and what its policies say. */
  public record Side(
      PolicyPod pod, List<String> policies, List<String> allowing, boolean allowed) {}

  /**
   * A connection judged: the source's egress and the destination's ingress (null where the address
   * is no pod, which nothing judges); allowed when both allow it.
   */
  public record Verdict(Side egress, Side ingress) {
    public boolean allowed() {
      return (egress == null || egress.allowed()) && (ingress == null || ingress.allowed());
    }
  }

  /** Judges a new connection from {@code src} to {@code dst} port {@code port} (after DNAT). */
  public Verdict check(String src, String dst, Protocol proto, int port) {
    PolicyPod from = podAt(src);
    PolicyPod to = podAt(dst);
    return new Verdict(
        from == null ? null : side(of(from, Direction.EGRESS), unsigned(dst), proto, port),
        to == null ? null : side(of(to, Direction.INGRESS), unsigned(src), proto, port));
  }

  private static Side side(PodPolicy p, long peer, Protocol proto, int port) {
    return new Side(
        p.pod(), p.policies(), p.allowing(peer, proto, port), p.allows(peer, proto, port));
  }

  /** The addressed pod with this IP, if any. */
  public PolicyPod podAt(String ip) {
    return in.pods().stream()
        .filter(p -> p.addressed() && p.ip().equals(ip))
        .findFirst()
        .orElse(null);
  }

  /** What {@code pod} allows in {@code direction}. */
  public PodPolicy of(PolicyPod pod, Direction direction) {
    List<String> policies = new ArrayList<>();
    List<Allowance> allowed = new ArrayList<>();
    if (!pod.addressed()) {
      return new PodPolicy(pod, direction, policies, allowed);
    }
    for (NetworkPolicy np : in.policies()) {
      NetworkPolicySpec spec = np.spec();
      if (spec == null
          || !pod.namespace().equals(np.metadata().namespace())
          || !policyTypes(spec).contains(direction)
          || !podSelector(spec.podSelector()).matches(pod.labels())) {
        continue;
      }
      String name = np.metadata().namespace() + "/" + np.metadata().name();
      policies.add(name);
      if (direction == Direction.INGRESS) {
        for (NetworkPolicyIngressRule r : orEmpty(spec.ingress())) {
          rule(name, np.metadata().namespace(), pod, direction, r.from(), r.ports(), allowed);
        }
      } else {
        for (NetworkPolicyEgressRule r : orEmpty(spec.egress())) {
          rule(name, np.metadata().namespace(), pod, direction, r.to(), r.ports(), allowed);
        }
      }
    }
    return new PodPolicy(pod, direction, policies, allowed);
  }

  private void rule(
      String policy,
      String namespace,
      PolicyPod pod,
      Direction direction,
      List<NetworkPolicyPeer> peers,
      List<NetworkPolicyPort> ports,
      List<Allowance> out) {
    // peer ranges, and for named ports the pods those ranges hold
    List<IpRange> ranges = new ArrayList<>();
    List<PolicyPod> peerPods = new ArrayList<>();
    if (peers == null || peers.isEmpty()) {
      ranges.add(IpRange.ALL);
      in.pods().stream().filter(PolicyPod::addressed).forEach(peerPods::add);
    } else {
      for (NetworkPolicyPeer peer : peers) {
        peerRanges(namespace, peer, ranges, peerPods);
      }
    }
    if (ports == null || ports.isEmpty()) {
      ranges.forEach(r -> out.add(new Allowance(policy, r, null, null)));
      return;
    }
    for (NetworkPolicyPort p : ports) {
      Optional<Protocol> proto = Protocol.parse(p.protocol());
      if (proto.isEmpty()) {
        continue;
      }
      IntOrString port = p.port();
      if (port == null || port.isInt()) {
        PortRange pr =
            port == null
                ? PortRange.ALL
                : new PortRange(
                    port.intValue(),
                    p.endPort() != null && p.endPort() >= port.intValue()
                        ? p.endPort()
                        : port.intValue());
        ranges.forEach(r -> out.add(new Allowance(policy, r, proto.get(), pr)));
      } else if (direction == Direction.INGRESS) {
        // the destination is the pod itself
        named(pod, proto.get(), port.stringValue())
            .ifPresent(
                n ->
                    ranges.forEach(
                        r -> out.add(new Allowance(policy, r, proto.get(), PortRange.of(n)))));
      } else {
        // the destination is each peer pod
        for (PolicyPod peer : peerPods) {
          named(peer, proto.get(), port.stringValue())
              .ifPresent(
                  n ->
                      out.add(
                          new Allowance(
                              policy, IpRange.of(peer.ip()), proto.get(), PortRange.of(n))));
        }
      }
    }
  }

  private void peerRanges(
      String namespace, NetworkPolicyPeer peer, List<IpRange> ranges, List<PolicyPod> peerPods) {
    if (peer.ipBlock() != null) {
      List<IpRange> block = ipBlock(peer.ipBlock());
      ranges.addAll(block);
      in.pods().stream()
          .filter(PolicyPod::addressed)
          .filter(p -> block.stream().anyMatch(r -> r.contains(unsigned(p.ip()))))
          .forEach(peerPods::add);
      return;
    }
    if (peer.podSelector() == null && peer.namespaceSelector() == null) {
      return;
    }
    Selector pods = peer.podSelector() == null ? Selector.everything() : select(peer.podSelector());
    Selector namespaces =
        peer.namespaceSelector() == null ? null : select(peer.namespaceSelector());
    for (PolicyPod p : in.pods()) {
      if (!p.addressed() || !pods.matches(p.labels())) {
        continue;
      }
      boolean inNamespace =
          namespaces == null
              ? p.namespace().equals(namespace)
              : namespaces.matches(in.namespaces().getOrDefault(p.namespace(), Map.of()));
      if (inNamespace) {
        ranges.add(IpRange.of(p.ip()));
        peerPods.add(p);
      }
    }
  }

  /** The block without its exceptions; nothing for a block that does not parse (validation's). */
  static List<IpRange> ipBlock(IPBlock block) {
    Optional<IpRange> whole = cidr(block.cidr());
    if (whole.isEmpty()) {
      return List.of();
    }
    List<IpRange> holes = new ArrayList<>();
    for (String e : orEmpty(block.except())) {
      cidr(e).ifPresent(holes::add);
    }
    return whole.get().minus(holes);
  }

  private static Optional<IpRange> cidr(String text) {
    if (text == null) {
      return Optional.empty();
    }
    // a host address with bits set past the prefix still names its network
    int slash = text.indexOf('/');
    if (slash < 0 || Ipv4.parse(text.substring(0, slash)).isEmpty()) {
      return Optional.empty();
    }
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (prefix < 0 || prefix > 32) {
      return Optional.empty();
    }
    int address = Ipv4.of(text.substring(0, slash));
    int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
    return Optional.of(IpRange.of(new Cidr(address & mask, prefix)));
  }

  private static Optional<Integer> named(PolicyPod pod, Protocol proto, String name) {
    return pod.ports().stream()
        .filter(p -> p.name().equals(name) && p.protocol() == proto)
        .map(PolicyPod.NamedPort::port)
        .findFirst();
  }

  /** {@code spec.podSelector}: absent (as {} is) selects every pod of the namespace. */
  private Selector podSelector(LabelSelector s) {
    return s == null ? Selector.everything() : select(s);
  }

  private Selector select(LabelSelector s) {
    return selectors.computeIfAbsent(
        String.valueOf(s),
        k -> {
          var r = Selector.fromLabelSelector(s);
          return r.isOk() ? r.value() : Selector.nothing();
        });
  }

  static long unsigned(String ip) {
    return Ipv4.unsigned(Ipv4.of(ip));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
