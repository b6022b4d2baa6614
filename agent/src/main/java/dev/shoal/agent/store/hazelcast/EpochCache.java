package dev.shoal.agent.store.hazelcast;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The newest leadership epoch each member has seen, kept in memory so {@link WriteObject} can
 * refuse a deposed leader's write on whichever member owns the object, without another network
 * call. Keyed by member instance name and map prefix (tests run several members and stores in one
 * JVM). Raised by the store's listener on the meta entry; a new leader waits until every member has
 * acknowledged its epoch.
 */
final class EpochCache {

  private static final ConcurrentHashMap<String, AtomicLong> EPOCHS = new ConcurrentHashMap<>();

  private EpochCache() {}

  static long current(String member, String prefix) {
    AtomicLong epoch = EPOCHS.get(member + "|" + prefix);
    return epoch == null ? 0 : epoch.get();
  }

  static void raise(String member, String prefix, long epoch) {
    EPOCHS
        .computeIfAbsent(member + "|" + prefix, key -> new AtomicLong())
        .accumulateAndGet(epoch, Math::max);
  }
}
