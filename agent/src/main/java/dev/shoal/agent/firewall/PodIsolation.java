package dev.shoal.agent.firewall;

import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * Keeps pods off the agent API and cluster ports of their own node and of every other node: chains
 * {@value PodRules#INPUT_CHAIN} and {@value PodRules#FORWARD_CHAIN} (see {@link PodRules}), in the
 * IPv4 and IPv6 filter tables. DNS on the bridge address, services on their ClusterIPs, pod-to-pod
 * traffic and every other port keep working. Same shape as {@link MemberFirewall}: {@link #apply}
 * is level-triggered and atomic, cheap to repeat on a timer.
 */
public final class PodIsolation {

  public static final String INPUT_CHAIN = PodRules.INPUT_CHAIN;
  public static final String FORWARD_CHAIN = PodRules.FORWARD_CHAIN;

  private final ChainsOnWorker worker;
  private final Chains wanted;

  /**
   * @param bridge the pod bridge interface on this node ({@code shoal0}, or {@code docker0} when
   *     pods use the engine's default network)
   * @param guarded the ports pods must not reach: the agent API port and the Hazelcast port(s)
   * @param podCidr the cluster's pod range (all nodes)
   * @param serviceCidr the ClusterIP range: a guarded port there stays reachable where a socket is
   *     bound to the ClusterIP itself (a load balancer frontend), not through a wildcard listener
   */
  public PodIsolation(
      Vertx vertx,
      CommandRunner runner,
      Iptables iptables,
      String bridge,
      List<PortRange> guarded,
      Cidr podCidr,
      Cidr serviceCidr) {
    if (!bridge.matches("[A-Za-z0-9_.-]{1,15}")) {
      throw new IllegalArgumentException("'" + bridge + "' is not an interface name");
    }
    if (guarded.isEmpty()) {
      throw new IllegalArgumentException("no ports to guard");
    }
    this.worker = new ChainsOnWorker(vertx, new DualStackTables(runner, iptables));
    this.wanted = PodRules.chains(bridge, List.copyOf(guarded), podCidr, serviceCidr);
  }

  /** On this host, with the Debian default iptables, guarding the API port and the cluster port. */
  public static PodIsolation onHost(
      Vertx vertx, String bridge, int apiPort, int clusterPort, Cidr podCidr, Cidr serviceCidr) {
    return new PodIsolation(
        vertx,
        new CommandRunner(List.of(), Duration.ofSeconds(10)),
        Iptables.DEFAULT,
        bridge,
        List.of(PortRange.single(apiPort), PortRange.single(clusterPort)),
        podCidr,
        serviceCidr);
  }

  /**
   * Makes both chains and jumps what they should be; completes with true when something had to
   * change.
   */
  public Future<Boolean> apply() {
    return worker.apply(() -> wanted);
  }

  /** Takes both chains and their jumps away ({@code --cleanup}). */
  public Future<Void> remove() {
    return worker.remove(wanted).mapEmpty();
  }
}
