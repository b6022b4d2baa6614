package dev.shoal.agent.firewall;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import java.util.List;

/**
 * The iptables rules of a node's pod traffic, each in a chain of Shoal's own (idempotent, removed
 * by {@link #remove}):
 *
 * <ul>
 *   <li>nat {@value #NAT_CHAIN} (from POSTROUTING): {@code -s <node subnet> ! -d <cluster pod CIDR>
 *       -j MASQUERADE}, so traffic leaving the cluster is NATed and pod-to-pod traffic (across the
 *       overlay too) keeps its source;
 *   <li>filter {@value #FORWARD_CHAIN} (first in FORWARD, before the engine's rules, which drop new
 *       connections into a bridge): accept forwarding from and to the cluster pod CIDR, as flannel
 *       does.
 * </ul>
 *
 * Blocking: runs {@code iptables} through a {@link CommandRunner} (whose prefix may enter a
 * namespace).
 */
public final class MasqueradeRules {

  public static final String NAT_CHAIN = "SHOAL-POSTROUTING";
  public static final String FORWARD_CHAIN = "SHOAL-FORWARD";

  private final IptablesChain nat;
  private final IptablesChain forward;

  public MasqueradeRules(CommandRunner runner) {
    this.nat =
        new IptablesChain(
            runner,
            "nat",
            NAT_CHAIN,
            "POSTROUTING",
            false,
            "shoal: masquerade pod traffic leaving the cluster");
    this.forward =
        new IptablesChain(
            runner, "filter", FORWARD_CHAIN, "FORWARD", true, "shoal: forward pod traffic");
  }

  /** Returns true when something had to change. */
  public boolean ensure(String podSubnet, String clusterPodCidr) throws CommandException {
    boolean natChanged =
        nat.ensure(
            List.of(List.of("-s", podSubnet, "!", "-d", clusterPodCidr, "-j", "MASQUERADE")));
    boolean forwardChanged =
        forward.ensure(
            List.of(
                List.of("-s", clusterPodCidr, "-j", "ACCEPT"),
                List.of("-d", clusterPodCidr, "-j", "ACCEPT")));
    return natChanged || forwardChanged;
  }

  public void remove() throws CommandException {
    nat.remove();
    forward.remove();
  }

  /** The masquerade chain's rules as {@code iptables -S} prints them. */
  public List<String> rules() throws CommandException {
    return nat.rules();
  }

  /** The forward chain's rules as {@code iptables -S} prints them. */
  public List<String> forwardRules() throws CommandException {
    return forward.rules();
  }
}
