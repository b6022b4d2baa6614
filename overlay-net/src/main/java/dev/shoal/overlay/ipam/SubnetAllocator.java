package dev.shoal.overlay.ipam;

import java.util.Objects;

/**
 * Carves the cluster pod CIDR into per-node subnets. Pure: given the current assignments it returns
 * the next state, so the caller can apply it with a compare-and-set and retry on conflict. The
 * choice is deterministic (the lowest free block), and asking again for a node that already holds a
 * subnet returns the same state unchanged.
 */
public record SubnetAllocator(Cidr clusterCidr, int nodePrefix) {

  public static final String DEFAULT_POD_CIDR = "10.244.0.0/16";
  public static final int DEFAULT_NODE_PREFIX = 24;

  public SubnetAllocator {
    Objects.requireNonNull(clusterCidr, "clusterCidr");
    if (nodePrefix < clusterCidr.prefix() || nodePrefix > 30) {
      throw new IllegalArgumentException(
          "node prefix /"
              + nodePrefix
              + " does not fit in "
              + clusterCidr
              + " (it must lie between /"
              + clusterCidr.prefix()
              + " and /30)");
    }
  }

  public static SubnetAllocator defaults() {
    return new SubnetAllocator(Cidr.of(DEFAULT_POD_CIDR), DEFAULT_NODE_PREFIX);
  }

  /** Validating factory for configuration input. */
  public static Allocation<SubnetAllocator> of(String podCidr, int nodePrefix) {
    Allocation<Cidr> cidr = Cidr.parse("podCidr", podCidr);
    if (cidr instanceof Allocation.Refused<Cidr> r) {
      return r.as();
    }
    Cidr c = cidr.orElseThrow();
    if (nodePrefix < c.prefix() || nodePrefix > 30) {
      return Allocation.refused(
          "nodeSubnetPrefix",
          "/"
              + nodePrefix
              + " does not fit in "
              + c
              + "; choose a length between /"
              + c.prefix()
              + " and /30");
    }
    return Allocation.granted(new SubnetAllocator(c, nodePrefix));
  }

  public long capacity() {
    return clusterCidr.subnetCount(nodePrefix);
  }

  /**
   * The state with {@code node} holding a subnet: unchanged if it already holds one inside the
   * cluster CIDR, otherwise extended by the lowest block that no node holds. Refused when none is
   * free.
   */
  public Allocation<SubnetAssignments> allocate(SubnetAssignments current, String node) {
    if (node == null || node.isBlank()) {
      return Allocation.refused("node", "a node name is required");
    }
    Cidr held = current.byNode().get(node);
    if (held != null && held.prefix() == nodePrefix && clusterCidr.contains(held)) {
      return Allocation.granted(current);
    }
    long count = capacity();
    for (long i = 0; i < count; i++) {
      Cidr candidate = clusterCidr.subnet(nodePrefix, i);
      if (!takenByOther(current, node, candidate)) {
        return Allocation.granted(current.with(node, candidate));
      }
    }
    return Allocation.refused(
        "podCidr",
        "all "
            + count
            + " /"
            + nodePrefix
            + " subnets of "
            + clusterCidr
            + " are assigned; no subnet is free for node "
            + node);
  }

  /** The state without {@code node}'s subnet (unchanged if it holds none). */
  public SubnetAssignments release(SubnetAssignments current, String node) {
    return current.without(node);
  }

  private static boolean takenByOther(SubnetAssignments current, String node, Cidr candidate) {
    for (var e : current.byNode().entrySet()) {
      if (!e.getKey().equals(node) && e.getValue().overlaps(candidate)) {
        return true;
      }
    }
    return false;
  }
}
