package dev.shoal.agent.firewall;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.ipam.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Blocking removal of every chain of this package and its jump, for {@code --cleanup} runs that
 * have no configuration at hand (chain names are fixed; the rules inside do not matter for
 * removal).
 */
public final class FirewallCleanup {

  private FirewallCleanup() {}

  /** Returns true when something was there. */
  public static boolean removeAll(CommandRunner runner, Iptables iptables) throws CommandException {
    Chains members = MemberRules.chains(PortRange.single(1), List.of(), new TreeSet<>());
    Chains pods =
        PodRules.chains(
            "lo", List.of(PortRange.single(1)), Cidr.of("0.0.0.0/0"), Cidr.of("0.0.0.0/0"));
    return new DualStackTables(runner, iptables)
        .remove(
            new Chains(concat(members.ipv4(), pods.ipv4()), concat(members.ipv6(), pods.ipv6())));
  }

  private static List<ChainSpec> concat(List<ChainSpec> a, List<ChainSpec> b) {
    List<ChainSpec> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
