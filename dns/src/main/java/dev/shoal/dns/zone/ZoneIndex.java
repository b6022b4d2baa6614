package dev.shoal.dns.zone;

import java.util.Map;

/**
 * The immutable answer index for one generation of cluster records: a hash map from lower-case name
 * (no trailing dot) to {@link Node}, plus the zone's SOA for negative answers.
 */
public final class ZoneIndex {
  private final long generation;
  private final String zone;
  private final String zoneSuffix;
  private final Map<String, Node> nodes;
  private final byte[] negativeSoa;

  ZoneIndex(long generation, String zone, Map<String, Node> nodes, byte[] negativeSoa) {
    this.generation = generation;
    this.zone = zone;
    this.zoneSuffix = "." + zone;
    this.nodes = nodes;
    this.negativeSoa = negativeSoa;
  }

  public long generation() {
    return generation;
  }

  public String zone() {
    return zone;
  }

  /** The node for a lower-case name, or null. */
  public Node find(String name) {
    return nodes.get(name);
  }

  /** True for the zone apex and every name below it: such names are never forwarded. */
  public boolean inZone(String name) {
    return name.endsWith(zoneSuffix) || name.equals(zone);
  }

  /**
   * The full SOA record (owner, TTL = MINIMUM = negative TTL) for the authority section of negative
   * answers.
   */
  public byte[] negativeSoa() {
    return negativeSoa;
  }

  public int size() {
    return nodes.size();
  }
}
