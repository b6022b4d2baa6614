package dev.shoal.dns.zone;

import dev.shoal.dns.wire.DnsWire;

/**
 * One name in the zone: its record sets, or none at all for a name that only has names below it.
 */
public final class Node {
  static final RRset[] NONE = new RRset[0];
  private final RRset[] sets;

  Node(RRset[] sets) {
    this.sets = sets;
  }

  /** The set of this type, or null (NODATA). */
  public RRset get(int type) {
    for (RRset s : sets) {
      if (s.type() == type) {
        return s;
      }
    }
    return null;
  }

  /** Every set (for ANY queries). */
  public RRset[] all() {
    return sets;
  }

  public boolean answers(int type) {
    return type == DnsWire.TYPE_ANY ? sets.length > 0 : get(type) != null;
  }
}
