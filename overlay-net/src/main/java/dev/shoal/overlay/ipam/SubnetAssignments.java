package dev.shoal.overlay.ipam;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which node holds which pod subnet: an immutable map the agent keeps in the shared store and
 * replaces atomically. Sorted by node name so equal states compare and print alike.
 */
public record SubnetAssignments(Map<String, Cidr> byNode) {

  public static final SubnetAssignments EMPTY = new SubnetAssignments(Map.of());

  public SubnetAssignments {
    byNode = java.util.Collections.unmodifiableMap(new TreeMap<>(byNode));
  }

  /** Reads the store's plain form, node name to CIDR text; unparseable entries are refused. */
  public static Allocation<SubnetAssignments> fromText(Map<String, String> text) {
    TreeMap<String, Cidr> parsed = new TreeMap<>();
    for (Map.Entry<String, String> e : text.entrySet()) {
      Allocation<Cidr> cidr = Cidr.parse("subnets[" + e.getKey() + "]", e.getValue());
      if (cidr instanceof Allocation.Refused<Cidr> r) {
        return r.as();
      }
      parsed.put(e.getKey(), cidr.orElseThrow());
    }
    return Allocation.granted(new SubnetAssignments(parsed));
  }

  public Map<String, String> toText() {
    TreeMap<String, String> out = new TreeMap<>();
    byNode.forEach((node, cidr) -> out.put(node, cidr.toString()));
    return out;
  }

  public Optional<Cidr> subnetOf(String node) {
    return Optional.ofNullable(byNode.get(node));
  }

  public SubnetAssignments with(String node, Cidr subnet) {
    TreeMap<String, Cidr> next = new TreeMap<>(byNode);
    next.put(node, subnet);
    return new SubnetAssignments(next);
  }

  public SubnetAssignments without(String node) {
    if (!byNode.containsKey(node)) {
      return this;
    }
    TreeMap<String, Cidr> next = new TreeMap<>(byNode);
    next.remove(node);
    return new SubnetAssignments(next);
  }
}
