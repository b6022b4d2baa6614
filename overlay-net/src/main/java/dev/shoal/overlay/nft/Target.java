package dev.shoal.overlay.nft;

/**
 * One ready endpoint of a service port: the pod's IP and its port for this service port (a named
 * {@code targetPort} already resolved against that pod), and whether the pod runs on this node (for
 * {@code externalTrafficPolicy: Local}).
 */
public record Target(String ip, int port, boolean local) implements Comparable<Target> {

  /** {@code 198.18.1.5/8080}: the part of chain names that tells endpoints apart. */
  String label() {
    return ip + "/" + port;
  }

  @Override
  public int compareTo(Target o) {
    int byIp = Long.compare(sortKey(ip), sortKey(o.ip));
    return byIp != 0 ? byIp : Integer.compare(port, o.port);
  }

  private static long sortKey(String ip) {
    long v = 0;
    for (String part : ip.split("\\.")) {
      v = v * 256 + Integer.parseInt(part);
    }
    return v;
  }
}
