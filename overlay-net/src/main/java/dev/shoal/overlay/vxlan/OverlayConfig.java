package dev.shoal.overlay.vxlan;

import java.util.List;

/**
 * Names and numbers of the overlay on a node. {@code underlayDevice} may be null (the kernel picks
 * by route). {@code serviceDeviceKind} is the link type holding service IPs: {@code dummy}
 * normally, {@code bridge} where the dummy module is missing (as on the Shoal CI machines).
 * Everything whose name starts with one of {@link #ownedPrefixes()} is the overlay's own and
 * removed by cleanup.
 */
public record OverlayConfig(
    String vxlanDevice,
    int vni,
    int port,
    String underlayDevice,
    String serviceDevice,
    String serviceDeviceKind) {

  public static final String DEFAULT_VXLAN_DEVICE = "shoal-vx0";
  public static final String DEFAULT_SERVICE_DEVICE = "shoal-svc0";

  public OverlayConfig {
    if (vxlanDevice.length() > 15 || serviceDevice.length() > 15) {
      throw new IllegalArgumentException("Linux interface names have at most 15 characters");
    }
    if (!vxlanDevice.startsWith("shoal-vx") || !serviceDevice.startsWith("shoal-svc")) {
      throw new IllegalArgumentException(
          "device names must start with shoal-vx / shoal-svc so cleanup recognises them");
    }
  }

  public static OverlayConfig defaults(String underlayDevice) {
    return new OverlayConfig(
        DEFAULT_VXLAN_DEVICE, 1, 4789, underlayDevice, DEFAULT_SERVICE_DEVICE, "dummy");
  }

  public OverlayConfig withServiceDeviceKind(String kind) {
    return new OverlayConfig(vxlanDevice, vni, port, underlayDevice, serviceDevice, kind);
  }

  public List<String> ownedPrefixes() {
    return List.of("shoal-vx", "shoal-svc");
  }

  boolean owns(String linkName) {
    return ownedPrefixes().stream().anyMatch(linkName::startsWith);
  }
}
