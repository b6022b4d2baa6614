package dev.shoal.overlay.vxlan;

import dev.shoal.overlay.ipam.Cidr;
import java.util.Objects;

/** A cluster node as the overlay sees it: its underlay address and the pod subnet it owns. */
public record OverlayNode(String name, String underlayIp, Cidr podSubnet) {

  public OverlayNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(underlayIp, "underlayIp");
    Objects.requireNonNull(podSubnet, "podSubnet");
  }

  public String vtepMac() {
    return VtepMac.forUnderlay(underlayIp);
  }

  /**
   * The address the node's VXLAN device holds (the subnet's network address, as a /32) and the next
   * hop other nodes route its subnet through.
   */
  public String vtepIp() {
    return podSubnet.networkText();
  }
}
