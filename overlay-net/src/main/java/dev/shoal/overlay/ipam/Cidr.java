package dev.shoal.overlay.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * An IPv4 block in canonical form: {@code network} has no host bits set. Build one with {@link
 * #parse(String, String)} for user input (refusals are values) or {@link #of(String)} for
 * constants.
 */
public record Cidr(int network, int prefix) implements Comparable<Cidr> {

  /**
   * Largest number of subnets {@link #split(int)} will list; use {@link #subnet(int, long)} beyond.
   */
  public static final int MAX_SPLIT = 1 << 16;

  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix out of range: " + prefix);
    }
    if ((network & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException("host bits set in " + Ipv4.format(network) + "/" + prefix);
    }
  }

  /** Parses "a.b.c.d/n"; {@code field} names the input in a refusal (e.g. {@code podCidr}). */
  public static Allocation<Cidr> parse(String field, String text) {
    if (text == null || text.isBlank()) {
      return Allocation.refused(field, "a CIDR such as 10.244.0.0/16 is required");
    }
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    if (slash < 0) {
      return Allocation.refused(
          field,
          "'" + trimmed + "' has no prefix length; write it as address/length, e.g. 10.244.0.0/16");
    }
    OptionalInt address = Ipv4.parse(trimmed.substring(0, slash));
    if (address.isEmpty()) {
      return Allocation.refused(
          field, "'" + trimmed.substring(0, slash) + "' is not an IPv4 address");
    }
    String prefixText = trimmed.substring(slash + 1);
    if (!prefixText.matches("[0-9]{1,2}")) {
      return Allocation.refused(
          field, "'" + prefixText + "' is not a prefix length between 0 and 32");
    }
    int prefix = Integer.parseInt(prefixText);
    if (prefix > 32) {
      return Allocation.refused(field, "prefix length " + prefix + " is larger than 32");
    }
    int network = address.getAsInt() & mask(prefix);
    if (network != address.getAsInt()) {
      return Allocation.refused(
          field,
          "'"
              + trimmed
              + "' has host bits set; did you mean "
              + Ipv4.format(network)
              + "/"
              + prefix
              + "?");
    }
    return Allocation.granted(new Cidr(network, prefix));
  }

  public static Allocation<Cidr> parse(String text) {
    return parse("cidr", text);
  }

  /** For text known to be valid; throws {@link IllegalArgumentException} otherwise. */
  public static Cidr of(String text) {
    Allocation<Cidr> parsed = parse(text);
    if (parsed instanceof Allocation.Refused<Cidr> r) {
      throw new IllegalArgumentException(r.reason());
    }
    return parsed.orElseThrow();
  }

  static int mask(int prefix) {
    return prefix == 0 ? 0 : -1 << (32 - prefix);
  }

  public int mask() {
    return mask(prefix);
  }

  public int broadcast() {
    return network | ~mask(prefix);
  }

  /** Number of addresses in the block, network and broadcast included. */
  public long size() {
    return 1L << (32 - prefix);
  }

  public boolean contains(int address) {
    return (address & mask(prefix)) == network;
  }

  /** False for text that is not an IPv4 address. */
  public boolean contains(String address) {
    OptionalInt parsed = Ipv4.parse(address);
    return parsed.isPresent() && contains(parsed.getAsInt());
  }

  public boolean contains(Cidr other) {
    return other.prefix >= prefix && contains(other.network);
  }

  public boolean overlaps(Cidr other) {
    return contains(other.network) || other.contains(network);
  }

  /** The n-th address of the block (0 is the network address). */
  public int nth(long n) {
    if (n < 0 || n >= size()) {
      throw new IndexOutOfBoundsException(
          "address " + n + " outside " + this + " (" + size() + " addresses)");
    }
    return network + (int) n;
  }

  public String nthText(long n) {
    return Ipv4.format(nth(n));
  }

  /** Offset of an address inside this block; the inverse of {@link #nth(long)}. */
  public long indexOf(int address) {
    if (!contains(address)) {
      throw new IllegalArgumentException(Ipv4.format(address) + " is outside " + this);
    }
    return Ipv4.unsigned(address) - Ipv4.unsigned(network);
  }

  /** How many blocks of {@code newPrefix} fit in this one. */
  public long subnetCount(int newPrefix) {
    checkSubPrefix(newPrefix);
    return 1L << (newPrefix - prefix);
  }

  /** The index-th block of length {@code newPrefix} inside this one. */
  public Cidr subnet(int newPrefix, long index) {
    long count = subnetCount(newPrefix);
    if (index < 0 || index >= count) {
      throw new IndexOutOfBoundsException("subnet " + index + " of " + count);
    }
    return new Cidr(network + (int) (index << (32 - newPrefix)), newPrefix);
  }

  /** All blocks of {@code newPrefix} in order; at most {@link #MAX_SPLIT} of them. */
  public List<Cidr> split(int newPrefix) {
    long count = subnetCount(newPrefix);
    if (count > MAX_SPLIT) {
      throw new IllegalArgumentException(
          this
              + " splits into "
              + count
              + " /"
              + newPrefix
              + " blocks, more than "
              + MAX_SPLIT
              + "; use subnet(prefix, index)");
    }
    List<Cidr> out = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      out.add(subnet(newPrefix, i));
    }
    return out;
  }

  private void checkSubPrefix(int newPrefix) {
    if (newPrefix < prefix || newPrefix > 32) {
      throw new IllegalArgumentException("cannot split " + this + " into /" + newPrefix);
    }
  }

  public String networkText() {
    return Ipv4.format(network);
  }

  @Override
  public int compareTo(Cidr o) {
    int c = Long.compare(Ipv4.unsigned(network), Ipv4.unsigned(o.network));
    return c != 0 ? c : Integer.compare(prefix, o.prefix);
  }

  @Override
  public String toString() {
    return Ipv4.format(network) + "/" + prefix;
  }
}
