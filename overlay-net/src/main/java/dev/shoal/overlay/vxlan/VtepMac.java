package dev.shoal.overlay.vxlan;

import dev.shoal.overlay.ipam.Ipv4;

/**
 * The MAC of a node's VXLAN device, derived from its underlay IPv4 so every node can compute every
 * other node's without asking: {@code 0e:5e} (locally administered, unicast) then the four octets,
 * e.g. 192.0.2.7 gives {@code 0e:5e:c0:00:02:07}.
 */
public final class VtepMac {

  private VtepMac() {}

  public static String forUnderlay(String underlayIp) {
    int ip = Ipv4.of(underlayIp);
    return String.format(
        "0e:5e:%02x:%02x:%02x:%02x",
        (ip >>> 24) & 0xff, (ip >>> 16) & 0xff, (ip >>> 8) & 0xff, ip & 0xff);
  }
}
