package dev.shoal.overlay.policy;

import dev.shoal.overlay.nft.NftChain;
import dev.shoal.overlay.nft.NftSet;
import dev.shoal.overlay.nft.NftTable;
import dev.shoal.overlay.nft.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NetworkPolicy part of one node's {@code inet shoal} table, pure: egress is judged on the
 * source's node, ingress on the destination's, each for this node's pods only, after the service
 * DNAT (prerouting) so against the chosen backend, in the forward hook (bridged pod-to-pod traffic
 * reaches it with {@code bridge-nf-call-iptables}; traffic from this node to its pods goes through
 * output and is never judged).
 *
 * <pre>
 * np-forward (filter forward, priority 0)
 *   ct state related accept                          ICMP errors of tracked flows
 *   ct direction reply accept                        replies of flows that passed
 *   ip saddr @np-egress-pods jump np-egress           an egress-isolated pod of this node sends
 *   ip daddr @np-ingress-pods jump np-ingress         an ingress-isolated pod of this node receives
 * np-ingress
 *   ip daddr . ip saddr @np-ingress-any return        peer ranges allowed on everything
 *   ip daddr . ip saddr . meta l4proto . th dport @np-ingress-ports return
 *   limit rate ... update @np-denied-ingress { ... }  a record of denied connections (10 min, 4096)
 *   counter drop
 * </pre>
 *
 * Every packet in a connection's original direction is judged, not only its first: a change that no
 * longer allows an established connection stops it with the same transaction that changes the rules
 * (its conntrack entry stays until it times out; nothing has to be deleted). Replies pass as
 * replies. Two hash/interval lookups per packet and direction, whatever the number of policies.
 */
public final class PolicyTablePart {

  public static final String FORWARD = "np-forward";
  public static final String FORWARD_HOOK = "type filter hook forward priority 0; policy accept;";

  /** A plan: the table part and, per local pod address, what it allows per direction. */
  public record Compiled(
      NftTable part,
      Map<String, AllowElements> ingress,
      Map<String, AllowElements> egress,
      Map<String, PolicyPod> localPods) {

    /**
     * Whether this node lets a flow from {@code src} to {@code dst}:{@code port} pass (the sides of
     * other nodes are theirs to judge).
     */
    public boolean allows(String src, String dst, Protocol proto, int port) {
      AllowElements out = egress.get(src);
      AllowElements in = ingress.get(dst);
      return (out == null || out.allows(PolicyEvaluator.unsigned(dst), proto, port))
          && (in == null || in.allows(PolicyEvaluator.unsigned(src), proto, port));
    }
  }

  private PolicyTablePart() {}

  public static Compiled plan(PolicyInputs inputs, String node) {
    PolicyEvaluator eval = new PolicyEvaluator(inputs);
    Map<String, AllowElements> ingress = new TreeMap<>();
    Map<String, AllowElements> egress = new TreeMap<>();
    Map<String, PolicyPod> local = new TreeMap<>();
    for (PolicyPod pod : inputs.pods()) {
      if (!pod.addressed() || !node.equals(pod.node())) {
        continue;
      }
      local.put(pod.ip(), pod);
      for (Direction d : Direction.values()) {
        PodPolicy p = eval.of(pod, d);
        if (p.isolated()) {
          (d == Direction.INGRESS ? ingress : egress).put(pod.ip(), AllowElements.of(p.allowed()));
        }
      }
    }
    List<NftSet> sets = new ArrayList<>();
    List<NftChain> chains = new ArrayList<>();
    chains.add(
        NftChain.base(
            FORWARD,
            FORWARD_HOOK,
            List.of(
                "ct state related accept",
                "ct direction reply accept",
                "ip saddr @np-egress-pods jump np-egress",
                "ip daddr @np-ingress-pods jump np-ingress")));
    direction(sets, chains, "ingress", "ip daddr", "ip saddr", ingress);
    direction(sets, chains, "egress", "ip saddr", "ip daddr", egress);
    return new Compiled(
        NftTable.of(sets, chains), Map.copyOf(ingress), Map.copyOf(egress), Map.copyOf(local));
  }

  private static void direction(
      List<NftSet> sets,
      List<NftChain> chains,
      String d,
      String self,
      String peer,
      Map<String, AllowElements> pods) {
    Map<String, String> any = new HashMap<>();
    Map<String, String> ports = new HashMap<>();
    pods.forEach(
        (ip, allowed) -> {
          allowed.anyProtocol().forEach(r -> any.put(ip + " . " + r.nft(), ""));
          allowed
              .ports()
              .forEach(
                  p ->
                      ports.put(
                          ip
                              + " . "
                              + p.peers().nft()
                              + " . "
                              + p.protocol().nft()
                              + " . "
                              + p.ports().nft(),
                          ""));
        });
    String prefix = "np-" + d;
    sets.add(NftSet.set(prefix + "-pods", "ipv4_addr", pods.keySet()));
    sets.add(
        new NftSet(
            "set", prefix + "-any", "type ipv4_addr . ipv4_addr; flags interval;", any, false));
    sets.add(
        new NftSet(
            "set",
            prefix + "-ports",
            "type ipv4_addr . ipv4_addr . inet_proto . inet_service; flags interval;",
            ports,
            false));
    sets.add(
        NftSet.dynamic(
            "np-denied-" + d,
            "type ipv4_addr . ipv4_addr . inet_proto . inet_service; size 4096; "
                + "flags dynamic,timeout; timeout 10m;"));
    chains.add(
        NftChain.regular(
            prefix,
            List.of(
                self + " . " + peer + " @" + prefix + "-any return",
                self + " . " + peer + " . meta l4proto . th dport @" + prefix + "-ports return",
                "limit rate 20/second burst 20 packets update @np-denied-"
                    + d
                    + " { ip saddr . ip daddr . meta l4proto . th dport }",
                "counter drop")));
  }
}
