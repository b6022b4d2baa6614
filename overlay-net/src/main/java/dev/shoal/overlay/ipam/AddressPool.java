package dev.shoal.overlay.ipam;

import java.util.Collection;
import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/** The usable addresses of a block, from a first offset to a last offset, minus those in use. */
record AddressPool(Cidr block, long firstOffset, long lastOffset) {

  /** Used addresses as 32-bit values; text that is not an address or lies outside is ignored. */
  Set<Integer> usedInBlock(Collection<String> used) {
    Set<Integer> out = new HashSet<>();
    for (String text : used) {
      OptionalInt ip = Ipv4.parse(text);
      if (ip.isPresent() && block.contains(ip.getAsInt())) {
        out.add(ip.getAsInt());
      }
    }
    return out;
  }

  OptionalInt lowestFree(Collection<String> used) {
    Set<Integer> taken = usedInBlock(used);
    for (long i = firstOffset; i <= lastOffset; i++) {
      int candidate = block.nth(i);
      if (!taken.contains(candidate)) {
        return OptionalInt.of(candidate);
      }
    }
    return OptionalInt.empty();
  }

  boolean usable(int address) {
    if (!block.contains(address)) {
      return false;
    }
    long offset = block.indexOf(address);
    return offset >= firstOffset && offset <= lastOffset;
  }

  long capacity() {
    return Math.max(0, lastOffset - firstOffset + 1);
  }
}
