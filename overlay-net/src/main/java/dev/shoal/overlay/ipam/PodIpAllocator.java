package dev.shoal.overlay.ipam;

import java.util.Collection;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Pod addresses inside one node's subnet: the first host address (.1 of a /24) is the node's
 * gateway on its pod bridge, pods get the lowest free address after it, the broadcast address is
 * never used.
 */
public record PodIpAllocator(Cidr nodeSubnet) {

  public PodIpAllocator {
    Objects.requireNonNull(nodeSubnet, "nodeSubnet");
    if (nodeSubnet.prefix() > 30) {
      throw new IllegalArgumentException("node subnet " + nodeSubnet + " has no room for pods");
    }
  }

  public String gateway() {
    return nodeSubnet.nthText(1);
  }

  /** Gateway with the subnet's prefix length, as put on the pod bridge, e.g. 10.244.3.1/24. */
  public String gatewayWithPrefix() {
    return gateway() + "/" + nodeSubnet.prefix();
  }

  public long capacity() {
    return pool().capacity();
  }

  private AddressPool pool() {
    return new AddressPool(nodeSubnet, 2, nodeSubnet.size() - 2);
  }

  public boolean isPodAddress(String ip) {
    OptionalInt parsed = Ipv4.parse(ip);
    return parsed.isPresent() && pool().usable(parsed.getAsInt());
  }

  /** Lowest free pod address; refused when the node's subnet is full. */
  public Allocation<String> next(Collection<String> inUse) {
    OptionalInt free = pool().lowestFree(inUse);
    if (free.isEmpty()) {
      return Allocation.refused(
          "status.podIP",
          "the node subnet "
              + nodeSubnet
              + " is full (all "
              + capacity()
              + " pod addresses are in use)");
    }
    return Allocation.granted(Ipv4.format(free.getAsInt()));
  }
}
