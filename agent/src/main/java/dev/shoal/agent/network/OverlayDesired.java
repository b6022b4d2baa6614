package dev.shoal.agent.network;

import dev.shoal.agent.controllers.network.NodeIpamController;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeAddress;
import dev.shoal.manifests.model.Service;
import dev.shoal.overlay.ipam.Allocation;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.Ipv4;
import dev.shoal.overlay.vxlan.DesiredOverlay;
import dev.shoal.overlay.vxlan.OverlayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Pure: what the overlay of node {@code local} should be, from the Node objects (InternalIP and
 * {@code spec.podCIDR} of each) and the Services (every IPv4 ClusterIP, held on the service device
 * so the proxy can bind it). Empty while the local node has no subnet or no InternalIP yet. A
 * remote node that has left (its Ready condition is Unknown: the node-lifecycle controller saw it
 * stop heartbeating or leave the cluster) gets no route, neighbour or FDB entry until it heartbeats
 * again; a deleted Node has none either.
 */
public final class OverlayDesired {

  private OverlayDesired() {}

  public static Optional<DesiredOverlay> build(
      String local, List<Node> nodes, List<Service> services) {
    List<OverlayNode> overlay = new ArrayList<>();
    OverlayNode self = null;
    for (Node n : nodes) {
      Optional<OverlayNode> o = overlayNode(n);
      if (o.isPresent() && (o.get().name().equals(local) || !left(n))) {
        overlay.add(o.get());
        if (o.get().name().equals(local)) {
          self = o.get();
        }
      }
    }
    if (self == null) {
      return Optional.empty();
    }
    TreeSet<String> ips = new TreeSet<>();
    for (Service s : services) {
      String ip = s.spec() == null ? null : s.spec().clusterIP();
      if (ip != null && !s.spec().isHeadless() && Ipv4.parse(ip).isPresent()) {
        ips.add(ip);
      }
    }
    return Optional.of(new DesiredOverlay(self, overlay, ips));
  }

  /** The node's InternalIP, or empty. */
  public static Optional<String> internalIp(Node node) {
    if (node.status() == null || node.status().addresses() == null) {
      return Optional.empty();
    }
    return node.status().addresses().stream()
        .filter(a -> "InternalIP".equals(a.type()))
        .map(NodeAddress::address)
        .filter(a -> Ipv4.parse(a).isPresent())
        .findFirst();
  }

  /** The node's Ready condition is Unknown: it stopped heartbeating or left the cluster. */
  public static boolean left(Node node) {
    if (node.status() == null || node.status().conditions() == null) {
      return false;
    }
    return node.status().conditions().stream()
        .anyMatch(c -> "Ready".equals(c.type()) && "Unknown".equals(c.status()));
  }

  private static Optional<OverlayNode> overlayNode(Node n) {
    String podCidr = NodeIpamController.podCidr(n);
    Optional<String> ip = internalIp(n);
    if (podCidr == null || ip.isEmpty()) {
      return Optional.empty();
    }
    Allocation<Cidr> subnet = Cidr.parse("spec.podCIDR", podCidr);
    if (!(subnet instanceof Allocation.Granted<Cidr> g)) {
      return Optional.empty();
    }
    return Optional.of(new OverlayNode(n.metadata().name(), ip.get(), g.value()));
  }
}
