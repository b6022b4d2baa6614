package dev.shoal.agent.network;

import dev.shoal.agent.firewall.MasqueradeRules;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.link.IpRouteLinkManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;

/**
 * Everything of the network that runs on every node, started and stopped together, in the agent's
 * own network namespace: the pod network ({@link PodNetwork}), the overlay ({@link NodeOverlay},
 * drift repair every 30 s) and the service dataplane ({@link NodeDataplane}: ClusterIPs and
 * NodePorts as nftables DNAT in the table {@code inet shoal}, read back every 30 s and at once when
 * someone else changes it).
 */
public final class NodeNetworking {

  /**
   * The device kind holding ClusterIPs: the {@code dummy} module is missing on the Shoal machines.
   */
  public static final String SERVICE_DEVICE_KIND = "bridge";

  private final PodNetwork podNetwork;
  private final NodeOverlay overlay;
  private final NodeDataplane dataplane;
  private final NodePolicies policies;
  private final boolean cleanupOnStop;
  private boolean enforcePolicies;

  /**
   * @param podCidr the cluster pod CIDR ({@code --pod-cidr})
   * @param bridges makes the engine network, e.g. {@code new RuntimePodBridges(runtime)}
   * @param cleanupOnStop remove the overlay devices, the nftables table, iptables chains and the
   *     engine network on stop
   */
  public NodeNetworking(
      Vertx vertx,
      ClusterStore store,
      String nodeName,
      Cidr podCidr,
      PodBridges bridges,
      boolean cleanupOnStop) {
    CommandRunner host = new CommandRunner(List.of(), Duration.ofSeconds(10));
    this.podNetwork =
        new PodNetwork(
            vertx,
            store,
            nodeName,
            podCidr,
            bridges,
            new MasqueradeRules(host),
            Duration.ofSeconds(30));
    // Node and Service changes start a pass at once; the period only repairs drift, and each full
    // pass
    // runs several `ip` children (part of the agent's idle CPU), so it is as long as the pod
    // network's.
    this.overlay =
        new NodeOverlay(
            vertx,
            store,
            nodeName,
            IpRouteLinkManager.host(),
            host,
            SERVICE_DEVICE_KIND,
            Duration.ofSeconds(30));
    this.dataplane =
        new NodeDataplane(vertx, store, nodeName, podCidr.toString(), host, Duration.ofSeconds(30));
    overlay.onChanged(dataplane::refresh);
    this.policies =
        new NodePolicies(vertx, store, nodeName, host, dataplane.part(), Duration.ofSeconds(30));
    this.cleanupOnStop = cleanupOnStop;
  }

  /**
   * Enforces NetworkPolicies on this node ({@code --network-policies}); without it no policy part
   * is written and pods start without waiting for one.
   */
  public NodeNetworking enforcingPolicies(boolean value) {
    this.enforcePolicies = value;
    return this;
  }

  /**
   * The pod worker's gate: completes once {@code pod}'s address is in the policy part, at once when
   * policies are not enforced here.
   */
  public Future<Void> admit(dev.shoal.manifests.model.Pod pod) {
    return enforcePolicies ? policies.admit(pod) : Future.succeededFuture();
  }

  /** Times the service dataplane's kernel programming in {@code registry}. */
  public NodeNetworking meterWith(MeterRegistry registry) {
    dataplane.meterWith(registry);
    return this;
  }

  /** Starts the three; does not wait for this node's subnet (see {@link #podNetworkReady()}). */
  public Future<Void> start() {
    return overlay
        .start()
        .compose(v -> dataplane.start())
        .compose(v -> enforcePolicies ? policies.start() : Future.succeededFuture())
        .compose(v -> podNetwork.start());
  }

  /** Completes with the engine network's name once this node's pod bridge and rules exist. */
  public Future<String> podNetworkReady() {
    return podNetwork.ready();
  }

  /** NetworkPolicy enforcement on this node (the pod worker's gate, explain). */
  public NodePolicies policies() {
    return policies;
  }

  public Future<Void> stop() {
    return Future.join(
            enforcePolicies ? policies.stop() : Future.succeededFuture(),
            dataplane.stop(cleanupOnStop),
            overlay.stop(cleanupOnStop),
            podNetwork.stop(cleanupOnStop))
        .mapEmpty();
  }
}
