package dev.shoal.overlay.vxlan;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this node's overlay should look like: the local node, every other node (the local one may be
 * in the list too; it is skipped) and the service IPs this node answers on (ClusterIPs, each held
 * as a /32 on the service device so the load balancer can bind them).
 */
public record DesiredOverlay(OverlayNode local, List<OverlayNode> nodes, Set<String> serviceIps) {

  public DesiredOverlay {
    nodes = List.copyOf(nodes);
    serviceIps = Set.copyOf(new TreeSet<>(serviceIps));
  }

  /**
   * Other nodes, without the local one and without any whose subnet collides with the local one.
   */
  public List<OverlayNode> remotes() {
    return nodes.stream()
        .filter(n -> !n.name().equals(local.name()))
        .filter(n -> !n.podSubnet().overlaps(local.podSubnet()))
        .filter(n -> !n.underlayIp().equals(local.underlayIp()))
        .toList();
  }
}
