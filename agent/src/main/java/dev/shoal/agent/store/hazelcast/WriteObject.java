package dev.shoal.agent.store.hazelcast;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One atomic write of one object on the member that owns it. The stored version only ever grows: a write
 * carrying a version not above the stored one is refused as {@link Outcome#STALE} and retried with a newer
 * version. Deletes leave a tombstone (with a time to live) so a late, older write cannot resurrect the key.
 * Returns {@code {outcome, stored envelope before the write or null}}.
 */
record WriteObject(Mode mode, long expectedVersion, long newVersion, String envelope, long tombstoneTtlSeconds)
    implements EntryProcessor<String, String, String[]> {

  enum Mode {
    /** The key must be absent (or a tombstone). */
    CREATE,
    /** The key must hold a live object, at {@code expectedVersion} when that is >= 0. */
    UPDATE,
    /** As UPDATE, but the new value is a tombstone. */
    DELETE,
    /** Whole-cluster restart: write if absent or older. */
    RESTORE
  }

  enum Outcome { OK, NOT_FOUND, EXISTS, CONFLICT, STALE, KEPT }

  @Override
  public String[] process(Map.Entry<String, String> entry) {
    String stored = entry.getValue();
    boolean live = stored != null && !Envelope.isTombstone(stored);
    long storedVersion = stored == null ? 0 : Envelope.versionOf(stored);
    switch (mode) {
      case CREATE -> {
        if (live) {
          return result(Outcome.EXISTS, stored);
        }
      }
      case UPDATE, DELETE -> {
        if (!live) {
          return result(Outcome.NOT_FOUND, stored);
        }
        if (expectedVersion >= 0 && expectedVersion != storedVersion) {
          return result(Outcome.CONFLICT, stored);
        }
      }
      case RESTORE -> {
        if (stored != null && storedVersion >= newVersion) {
          return result(Outcome.KEPT, stored);
        }
      }
    }
    if (stored != null && storedVersion >= newVersion) {
      return result(Outcome.STALE, stored);
    }
    if (Envelope.isTombstone(envelope)) {
      ((ExtendedMapEntry<String, String>) entry).setValue(envelope, tombstoneTtlSeconds, TimeUnit.SECONDS);
    } else {
      entry.setValue(envelope);
    }
    return result(Outcome.OK, stored);
  }

  private static String[] result(Outcome outcome, String stored) {
    return new String[] {outcome.name(), stored};
  }
}
