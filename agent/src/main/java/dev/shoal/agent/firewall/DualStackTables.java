package dev.shoal.agent.firewall;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import java.util.List;

/**
 * The IPv4 and the IPv6 filter table together: {@link Chains} applied to both, IPv4 first. A host
 * without an IPv6 stack (no {@code /proc/net/if_inet6}) needs no IPv6 rules, so failures there are
 * then ignored. Blocking.
 */
final class DualStackTables {

  private final CommandRunner runner;
  private final FilterTable ipv4;
  private final FilterTable ipv6;

  DualStackTables(CommandRunner runner, Iptables iptables) {
    this.runner = runner;
    this.ipv4 = new FilterTable(runner, iptables);
    this.ipv6 = new FilterTable(runner, iptables.v6());
  }

  /** Returns true when something had to change. */
  boolean apply(Chains chains) throws CommandException {
    boolean changed = ipv4.apply(chains.ipv4());
    return ipv6(() -> ipv6.apply(chains.ipv6())) | changed;
  }

  /** Returns true when something was there. */
  boolean remove(Chains chains) throws CommandException {
    boolean changed = ipv4.remove(chains.ipv4());
    return ipv6(() -> ipv6.remove(chains.ipv6())) | changed;
  }

  private interface Step {
    boolean run() throws CommandException;
  }

  private boolean ipv6(Step step) throws CommandException {
    try {
      return step.run();
    } catch (CommandException e) {
      if (runner.run(List.of("test", "-e", "/proc/net/if_inet6")).exitCode() != 0) {
        return false;
      }
      throw e;
    }
  }
}
