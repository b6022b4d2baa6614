package dev.shoal.overlay.ipam;

import java.util.Collection;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Hands out ClusterIPs from the service CIDR. The network address and the first address (which
 * Kubernetes reserves for the API service) and the broadcast address are never handed out
 * automatically; the first address may still be requested explicitly. Pure: the caller passes the
 * addresses already in use and stores the result atomically.
 */
public record ServiceIpAllocator(Cidr serviceCidr) {

  public static final String DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
  static final String FIELD = "spec.clusterIP";

  public ServiceIpAllocator {
    Objects.requireNonNull(serviceCidr, "serviceCidr");
    if (serviceCidr.prefix() > 29) {
      throw new IllegalArgumentException(
          "service CIDR " + serviceCidr + " is too small (at most /29)");
    }
  }

  public static ServiceIpAllocator defaults() {
    return new ServiceIpAllocator(Cidr.of(DEFAULT_SERVICE_CIDR));
  }

  /** The address reserved for the cluster's API service (the first after the network address). */
  public String apiServiceIp() {
    return serviceCidr.nthText(1);
  }

  /** Lowest free address from the third address on. */
  public Allocation<String> next(Collection<String> inUse) {
    AddressPool pool = new AddressPool(serviceCidr, 2, serviceCidr.size() - 2);
    OptionalInt free = pool.lowestFree(inUse);
    if (free.isEmpty()) {
      return Allocation.refused(
          FIELD,
          "the service range "
              + serviceCidr
              + " is exhausted (all "
              + pool.capacity()
              + " addresses are allocated)");
    }
    return Allocation.granted(Ipv4.format(free.getAsInt()));
  }

  /**
   * The requested address if it is a valid, free address of the range; a refusal saying why
   * otherwise.
   */
  public Allocation<String> request(Collection<String> inUse, String requested) {
    OptionalInt ip = Ipv4.parse(requested == null ? null : requested.trim());
    if (ip.isEmpty()) {
      return Allocation.refused(FIELD, "'" + requested + "' is not a valid IPv4 address");
    }
    int address = ip.getAsInt();
    String text = Ipv4.format(address);
    if (!serviceCidr.contains(address)) {
      return Allocation.refused(
          FIELD, text + " is out of range: not inside the service CIDR " + serviceCidr);
    }
    if (address == serviceCidr.network() || address == serviceCidr.broadcast()) {
      return Allocation.refused(
          FIELD,
          text
              + " is the "
              + (address == serviceCidr.network() ? "network" : "broadcast")
              + " address of "
              + serviceCidr
              + " and cannot be a ClusterIP");
    }
    for (String used : inUse) {
      OptionalInt u = Ipv4.parse(used);
      if (u.isPresent() && u.getAsInt() == address) {
        return Allocation.refused(FIELD, text + " is already allocated to another service");
      }
    }
    return Allocation.granted(text);
  }

  /** {@link #request} when {@code requested} is set, else {@link #next}. */
  public Allocation<String> allocate(Collection<String> inUse, String requested) {
    return requested == null || requested.isBlank() ? next(inUse) : request(inUse, requested);
  }
}
