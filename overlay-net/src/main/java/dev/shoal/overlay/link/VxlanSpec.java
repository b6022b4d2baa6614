package dev.shoal.overlay.link;

/**
 * What a VXLAN device is made of: VNI, UDP port, local underlay address, underlay device (may be
 * null: any), and the device's own MAC (the VTEP MAC). Learning is always off: the overlay programs
 * FDB and neighbour entries itself.
 */
public record VxlanSpec(int vni, int port, String localIp, String underlayDevice, String mac) {

  /**
   * True when an observed device matches this spec; an observed device without a MAC matches any.
   */
  public boolean sameAs(VxlanSpec observed) {
    return vni == observed.vni
        && port == observed.port
        && localIp.equals(observed.localIp)
        && (underlayDevice == null || underlayDevice.equals(observed.underlayDevice))
        && (observed.mac == null || mac == null || mac.equalsIgnoreCase(observed.mac));
  }
}
