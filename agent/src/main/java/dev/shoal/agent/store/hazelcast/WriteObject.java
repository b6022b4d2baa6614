package dev.shoal.agent.store.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One atomic write of one object on the member that owns it. The stored version only ever grows: a
 * write carrying a version not above the stored one is refused as {@link Outcome#STALE} and retried
 * with a newer version. Deletes leave a tombstone (with a time to live) so a late, older write
 * cannot resurrect the key. A leader's write ({@code fence} >= 0) is refused as {@link
 * Outcome#FENCED} when the owning member has seen a newer epoch, which closes the gap between
 * taking a version and writing. Returns {@code {outcome, stored envelope before the write or null}}
 * ({@code {FENCED, epoch}} when fenced).
 */
final class WriteObject
    implements EntryProcessor<String, String, String[]>, HazelcastInstanceAware {

  private static final long serialVersionUID = 1L;

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

  enum Outcome {
    OK,
    NOT_FOUND,
    EXISTS,
    CONFLICT,
    STALE,
    KEPT,
    FENCED
  }

  private final Mode mode;
  private final long expectedVersion;
  private final long newVersion;
  private final String envelope;
  private final long tombstoneTtlSeconds;
  private final long fence;
  private final String mapPrefix;
  private transient String member;

  WriteObject(
      Mode mode,
      long expectedVersion,
      long newVersion,
      String envelope,
      long tombstoneTtlSeconds,
      long fence,
      String mapPrefix) {
    this.mode = mode;
    this.expectedVersion = expectedVersion;
    this.newVersion = newVersion;
    this.envelope = envelope;
    this.tombstoneTtlSeconds = tombstoneTtlSeconds;
    this.fence = fence;
    this.mapPrefix = mapPrefix;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance instance) {
    this.member = instance.getName();
  }

  @Override
  public String[] process(Map.Entry<String, String> entry) {
    if (fence >= 0 && member != null) {
      long seen = EpochCache.current(member, mapPrefix);
      if (fence < seen) {
        return new String[] {Outcome.FENCED.name(), Long.toString(seen)};
      }
    }
    String stored = entry.getValue();
    boolean live = stored != null && !Envelope.isTombstone(stored);
    long storedVersion = stored == null ? 0 : Envelope.versionOf(stored);
    if (stored != null && storedVersion == newVersion && stored.equals(envelope)) {
      // Versions are unique cluster-wide, so this is our own write: Hazelcast ran the operation
      // again after its first run (the partition's owner left before answering). Saying NOT_FOUND
      // or EXISTS now would report a write that happened as refused.
      return result(Outcome.OK, stored);
    }
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
      ((ExtendedMapEntry<String, String>) entry)
          .setValue(envelope, tombstoneTtlSeconds, TimeUnit.SECONDS);
    } else {
      entry.setValue(envelope);
    }
    return result(Outcome.OK, stored);
  }

  /**
   * Backups apply what the primary decided (they run only when it wrote), without the fencing
   * check.
   */
  @Override
  public EntryProcessor<String, String, String[]> getBackupProcessor() {
    return new WriteObject(
        mode, expectedVersion, newVersion, envelope, tombstoneTtlSeconds, -1, mapPrefix);
  }

  private static String[] result(Outcome outcome, String stored) {
    return new String[] {outcome.name(), stored};
  }
}
