package dev.shoal.overlay.policy;

import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.Ipv4;
import java.util.ArrayList;
import java.util.List;

/** IPv4 addresses {@code from} to {@code to}, both included, as unsigned values. */
public record IpRange(long from, long to) implements Comparable<IpRange> {

  public static final IpRange ALL = new IpRange(0, 0xffffffffL);

  public IpRange {
    if (from < 0 || to > 0xffffffffL || from > to) {
      throw new IllegalArgumentException("bad range " + from + "-" + to);
    }
  }

  public static IpRange of(String ip) {
    long v = Ipv4.unsigned(Ipv4.of(ip));
    return new IpRange(v, v);
  }

  public static IpRange of(Cidr cidr) {
    return new IpRange(Ipv4.unsigned(cidr.network()), Ipv4.unsigned(cidr.broadcast()));
  }

  public boolean contains(long address) {
    return address >= from && address <= to;
  }

  /** This range without the {@code holes}, as disjoint ranges in order. */
  public List<IpRange> minus(List<IpRange> holes) {
    List<IpRange> out = new ArrayList<>(List.of(this));
    for (IpRange h : holes) {
      List<IpRange> next = new ArrayList<>();
      for (IpRange r : out) {
        if (h.to < r.from || h.from > r.to) {
          next.add(r);
          continue;
        }
        if (h.from > r.from) {
          next.add(new IpRange(r.from, h.from - 1));
        }
        if (h.to < r.to) {
          next.add(new IpRange(h.to + 1, r.to));
        }
      }
      out = next;
    }
    return out;
  }

  /** {@code a.b.c.d} or {@code a.b.c.d-e.f.g.h}, as nft writes an interval element. */
  public String nft() {
    String f = Ipv4.format((int) from);
    return from == to ? f : f + "-" + Ipv4.format((int) to);
  }

  @Override
  public int compareTo(IpRange o) {
    return from != o.from ? Long.compare(from, o.from) : Long.compare(to, o.to);
  }

  @Override
  public String toString() {
    return nft();
  }
}
