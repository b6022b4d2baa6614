package dev.shoal.overlay.policy;

/** Ports {@code from} to {@code to}, both included. */
public record PortRange(int from, int to) implements Comparable<PortRange> {

  public static final PortRange ALL = new PortRange(0, 65535);

  public PortRange {
    if (from < 0 || to > 65535 || from > to) {
      throw new IllegalArgumentException("bad port range " + from + "-" + to);
    }
  }

  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  public boolean contains(int port) {
    return port >= from && port <= to;
  }

  public String nft() {
    return from == to ? String.valueOf(from) : from + "-" + to;
  }

  @Override
  public int compareTo(PortRange o) {
    return from != o.from ? Integer.compare(from, o.from) : Integer.compare(to, o.to);
  }

  @Override
  public String toString() {
    return nft();
  }
}
