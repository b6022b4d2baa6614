package dev.shoal.agent.cluster;

/**
 * Majority arithmetic, kept pure: remembers the largest cluster seen (so a partition's smaller side
 * knows it is smaller), forgets members that said goodbye, and answers whether a given size may
 * act.
 */
public final class Quorum {

  private final int minMembers;
  private int knownSize;

  public Quorum(int minMembers) {
    this.minMembers = minMembers;
  }

  /** The cluster now has {@code size} members. */
  public synchronized void observe(int size) {
    knownSize = Math.max(knownSize, size);
  }

  /** A member left on purpose: the cluster is now meant to be {@code size} members. */
  public synchronized void departed(int size) {
    knownSize = Math.max(size, 1);
  }

  public synchronized int knownSize() {
    return knownSize;
  }

  /** A strict majority of the largest size seen, and no fewer than the configured minimum. */
  public synchronized boolean allows(int size) {
    return size >= minMembers && size * 2 > knownSize;
  }
}
