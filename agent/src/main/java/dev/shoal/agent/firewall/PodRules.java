package dev.shoal.agent.firewall;

import dev.shoal.overlay.ipam.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pure: the two chains that keep pods off the node ports (agent API, cluster port) of every node.
 *
 * <ul>
 *   <li>{@value #INPUT_CHAIN}, first in INPUT: TCP to the guarded ports is dropped when it comes in
 *       through the pod bridge or from the pod CIDR (pods of other nodes arrive over the overlay
 *       with their own address), except to a ClusterIP (the service CIDR) on which a socket is
 *       bound to that very address ({@code -m socket}, which ignores wildcard listeners): the load
 *       balancer may well serve a service on the same port number, while an API or Hazelcast
 *       listening on every address stays out of reach through the ClusterIPs.
 *   <li>{@value #FORWARD_CHAIN}, first in FORWARD (before {@code SHOAL-FORWARD}, which accepts all
 *       pod traffic): TCP from the pod bridge or the pod CIDR to the guarded ports of any address
 *       outside the pod CIDR is dropped, which covers the other nodes (whose members would see the
 *       traffic masqueraded to this node's admitted address). Traffic to pods (out through the
 *       bridge or to the pod CIDR) is left alone, so pods serving on the same port numbers keep
 *       working.
 * </ul>
 *
 * In the IPv6 filter table only the bridge rules apply (pods have IPv4 addresses only, but a pod's
 * link-local IPv6 address must not reach the ports either).
 *
 * <p>Everything else (DNS on the bridge address, other ports, UDP) is left to the rest of the
 * ruleset.
 */
final class PodRules {

  static final String INPUT_CHAIN = "SHOAL-POD-INPUT";
  static final String FORWARD_CHAIN = "SHOAL-POD-FORWARD";

  private PodRules() {}

  static Chains chains(String bridge, List<PortRange> guarded, Cidr podCidr, Cidr serviceCidr) {
    return new Chains(
        specs(bridge, guarded, podCidr, serviceCidr), specs(bridge, guarded, null, null));
  }

  /** Without the CIDRs (null), the IPv6 version. */
  private static List<ChainSpec> specs(
      String bridge, List<PortRange> guarded, Cidr podCidr, Cidr serviceCidr) {
    List<String> in = new ArrayList<>();
    List<String> forward = new ArrayList<>();
    forward.add("-o " + bridge + " -j RETURN");
    if (podCidr != null) {
      in.add("-d " + serviceCidr + " -p tcp -m socket -j RETURN");
      forward.add("-d " + podCidr + " -j RETURN");
    }
    for (List<String> chain : List.of(in, forward)) {
      for (PortRange ports : guarded) {
        chain.add("-i " + bridge + " -p tcp -m tcp --dport " + ports.text() + " -j DROP");
      }
      for (PortRange ports : podCidr == null ? List.<PortRange>of() : guarded) {
        chain.add("-s " + podCidr + " -p tcp -m tcp --dport " + ports.text() + " -j DROP");
      }
    }
    return List.of(
        new ChainSpec(
            INPUT_CHAIN,
            "INPUT",
            "shoal: pods keep off node ports",
            Set.of(MemberRules.INPUT_CHAIN),
            in),
        new ChainSpec(
            FORWARD_CHAIN,
            "FORWARD",
            "shoal: pods keep off the ports of other nodes",
            Set.of(),
            forward));
  }
}
