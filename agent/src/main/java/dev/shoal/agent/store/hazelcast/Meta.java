package dev.shoal.agent.store.hazelcast;

/**
 * The cluster-wide counters, stored as one {@code long[]} entry so entry processors update them
 * atomically: the leadership epoch, the last resource version handed out, and until when members
 * that join may still restore their on-disk copies after a whole-cluster restart (epoch
 * milliseconds).
 */
final class Meta {

  static final int EPOCH = 0;
  static final int VERSION = 1;
  static final int RESTORE_UNTIL = 2;
  static final int SIZE = 3;

  /**
   * After restoring copies whose versions reach V, the counter continues at V + GAP, so versions
   * written by the restarted cluster are above every restored one, also those restored by members
   * joining a little later.
   */
  static final long GAP = 1_000_000_000L;

  private Meta() {}

  static long[] fresh(long restoreUntilMillis) {
    return new long[] {0, 0, restoreUntilMillis};
  }
}
