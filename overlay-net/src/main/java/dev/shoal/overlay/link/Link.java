package dev.shoal.overlay.link;

import java.util.Optional;

/** A network interface as the kernel reports it; {@code vxlan} is present for VXLAN devices. */
public record Link(String name, String kind, String mac, boolean up, Optional<VxlanSpec> vxlan) {

  public Link {
    kind = kind == null ? "" : kind;
    mac = mac == null ? "" : mac;
    vxlan = vxlan == null ? Optional.empty() : vxlan;
  }
}
