package dev.shoal.agent.scheduler;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How many pods of each controller run on each node, as one array per owner indexed by node slot.
 * The spread scorer asks for the same owner once per node in a row, so the last owner's array is
 * kept at hand and found by reference, not by hashing.
 */
final class OwnerCounts {

  private final Map<String, int[]> byOwner = new HashMap<>();
  private String lastOwner;
  private int[] lastCounts;

  int count(String owner, int slot) {
    if (owner == null) {
      return 0;
    }
    int[] counts = owner == lastOwner ? lastCounts : lookup(owner);
    return counts == null || slot >= counts.length ? 0 : counts[slot];
  }

  void add(String owner, int slot, int delta) {
    if (owner == null) {
      return;
    }
    int[] counts = byOwner.get(owner);
    if (counts == null || slot >= counts.length) {
      counts =
          counts == null
              ? new int[Math.max(16, slot + 1)]
              : Arrays.copyOf(counts, Math.max(slot + 1, counts.length * 2));
      byOwner.put(owner, counts);
    }
    counts[slot] += delta;
    lastOwner = null;
    lastCounts = null;
  }

  private int[] lookup(String owner) {
    lastOwner = owner;
    lastCounts = byOwner.get(owner);
    return lastCounts;
  }
}
