package dev.shoal.overlay.policy;

import dev.shoal.overlay.nft.Protocol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The boxes a pod allows, flattened into disjoint pieces: nft refuses overlapping elements in a
 * concatenated interval set, while policies overlap freely (two rules, a pod inside an ipBlock).
 * {@link #anyProtocol} are peer ranges allowed on everything; {@link #ports} are (peer range,
 * protocol, port range) triples, where no two share an address, a protocol and a port.
 */
public record AllowElements(List<IpRange> anyProtocol, List<Ports> ports) {

  /** Peers {@code peers} on {@code protocol} ports {@code ports}. */
  public record Ports(IpRange peers, Protocol protocol, PortRange ports) {}

  public static AllowElements of(List<Allowance> allowed) {
    List<IpRange> any =
        merge(allowed.stream().filter(a -> a.protocol() == null).map(Allowance::peers).toList());
    List<Ports> out = new ArrayList<>();
    for (Protocol proto : Protocol.values()) {
      List<Allowance> boxes = allowed.stream().filter(a -> a.protocol() == proto).toList();
      if (!boxes.isEmpty()) {
        out.addAll(sweep(proto, boxes));
      }
    }
    return new AllowElements(any, out);
  }

  public boolean allows(long peer, Protocol proto, int port) {
    return anyProtocol.stream().anyMatch(r -> r.contains(peer))
        || ports.stream()
            .anyMatch(
                p -> p.protocol() == proto && p.peers().contains(peer) && p.ports().contains(port));
  }

  /**
   * Splits the address line at every box edge; each piece gets the merged port ranges of the boxes
   * over it; neighbouring pieces with the same ports join again.
   */
  private static List<Ports> sweep(Protocol proto, List<Allowance> boxes) {
    TreeSet<Long> edges = new TreeSet<>();
    for (Allowance b : boxes) {
      edges.add(b.peers().from());
      edges.add(b.peers().to() + 1);
    }
    List<Allowance> byStart =
        boxes.stream().sorted(Comparator.comparingLong(b -> b.peers().from())).toList();
    List<Allowance> active = new ArrayList<>();
    int next = 0;
    List<Ports> out = new ArrayList<>();
    IpRange openRange = null;
    List<PortRange> openPorts = null;
    Long previous = null;
    for (long edge : edges) {
      if (previous != null) {
        long from = previous;
        long to = edge - 1;
        active.removeIf(b -> b.peers().to() < from);
        List<PortRange> ports = mergePorts(active.stream().map(Allowance::ports).toList());
        if (openRange != null && openRange.to() + 1 == from && ports.equals(openPorts)) {
          openRange = new IpRange(openRange.from(), to);
        } else {
          flush(proto, openRange, openPorts, out);
          openRange = ports.isEmpty() ? null : new IpRange(from, to);
          openPorts = ports;
        }
      }
      while (next < byStart.size() && byStart.get(next).peers().from() == edge) {
        active.add(byStart.get(next++));
      }
      previous = edge;
    }
    flush(proto, openRange, openPorts, out);
    return out;
  }

  private static void flush(Protocol proto, IpRange range, List<PortRange> ports, List<Ports> out) {
    if (range != null) {
      ports.forEach(p -> out.add(new Ports(range, proto, p)));
    }
  }

  /** Disjoint, non-adjacent ranges in order. */
  static List<IpRange> merge(List<IpRange> ranges) {
    List<IpRange> sorted = ranges.stream().sorted().toList();
    List<IpRange> out = new ArrayList<>();
    for (IpRange r : sorted) {
      IpRange last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && r.from() <= last.to() + 1) {
        out.set(out.size() - 1, new IpRange(last.from(), Math.max(last.to(), r.to())));
      } else {
        out.add(r);
      }
    }
    return out;
  }

  static List<PortRange> mergePorts(List<PortRange> ranges) {
    List<PortRange> sorted = ranges.stream().sorted().toList();
    List<PortRange> out = new ArrayList<>();
    for (PortRange r : sorted) {
      PortRange last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && r.from() <= last.to() + 1) {
        out.set(out.size() - 1, new PortRange(last.from(), Math.max(last.to(), r.to())));
      } else {
        out.add(r);
      }
    }
    return out;
  }
}
