package dev.shoal.overlay.link;

/** An IPv4 neighbour (ARP) entry; only permanent ones are ever written by the overlay. */
public record Neighbour(String device, String ip, String mac, boolean permanent) {

  public static Neighbour permanent(String device, String ip, String mac) {
    return new Neighbour(device, ip, mac, true);
  }
}
