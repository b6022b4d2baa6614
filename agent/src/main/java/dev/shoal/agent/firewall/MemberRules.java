package dev.shoal.agent.firewall;

import dev.shoal.overlay.ipam.Cidr;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Pure: the two chains that keep the cluster port to admitted members, both ways.
 *
 * <ul>
 *   <li>{@value #INPUT_CHAIN}, first in INPUT: TCP to the cluster ports is accepted from loopback
 *       and from each admitted address, and dropped from everyone else; packets from the cluster
 *       ports of anyone else (replies on connections this node opened) are dropped too. The rules
 *       match every packet, not only new connections, so an address taken out of the set loses its
 *       established connections at the next apply, whatever an {@code ESTABLISHED,RELATED} accept
 *       further down would say.
 *   <li>{@value #OUTPUT_CHAIN}, first in OUTPUT: nothing leaves for, or answers from, the cluster
 *       ports towards an address that is not admitted, so a removed member gets no more cluster
 *       data either.
 * </ul>
 *
 * Members are IPv4 addresses, so the same two chains in the IPv6 filter table admit loopback only:
 * a Hazelcast listening on every address is not reachable around the firewall over IPv6.
 *
 * <p>Traffic from the {@code notMembers} ranges (the pod and service CIDRs), and to them, is left
 * alone: the load balancer's connections to pods serving on the same port number are not member
 * traffic, and keeping pods off the node's own ports is {@link PodIsolation}'s job. Traffic from
 * elsewhere to a local address in those ranges (a ClusterIP, the bridge gateway) is not exempt, so
 * nobody reaches the cluster port through them.
 */
final class MemberRules {

  static final String INPUT_CHAIN = "SHOAL-MEMBERS";
  static final String OUTPUT_CHAIN = "SHOAL-MEMBERS-OUT";

  private MemberRules() {}

  /**
   * {@code admitted} holds validated addresses ({@code a.b.c.d/32}), sorted so the rules are
   * stable.
   */
  static Chains chains(PortRange ports, Collection<Cidr> notMembers, SortedSet<Cidr> admitted) {
    return new Chains(specs(ports, notMembers, admitted), specs(ports, List.of(), new TreeSet<>()));
  }

  /**
   * With no ranges and no members the rules hold nothing IPv4-specific, so they serve IPv6 as well.
   */
  private static List<ChainSpec> specs(
      PortRange ports, Collection<Cidr> notMembers, SortedSet<Cidr> admitted) {
    String dport = "-p tcp -m tcp --dport " + ports.text();
    String sport = "-p tcp -m tcp --sport " + ports.text();
    List<String> in = new ArrayList<>();
    in.add("-i lo " + dport + " -j ACCEPT");
    in.add("-i lo -j RETURN");
    List<String> out = new ArrayList<>();
    out.add("-o lo -j RETURN");
    for (Cidr range : notMembers) {
      in.add("-s " + range + " -j RETURN");
      out.add("-d " + range + " -j RETURN");
    }
    for (Cidr member : admitted) {
      in.add("-s " + member + " " + dport + " -j ACCEPT");
    }
    for (Cidr member : admitted) {
      in.add("-s " + member + " -j RETURN");
      out.add("-d " + member + " -j RETURN");
    }
    for (List<String> chain : List.of(in, out)) {
      chain.add(dport + " -j DROP");
      chain.add(sport + " -j DROP");
    }
    return List.of(
        new ChainSpec(
            INPUT_CHAIN,
            "INPUT",
            "shoal: cluster port for admitted members only",
            Set.of(PodRules.INPUT_CHAIN),
            in),
        new ChainSpec(
            OUTPUT_CHAIN,
            "OUTPUT",
            "shoal: cluster traffic to admitted members only",
            Set.of(),
            out));
  }
}
