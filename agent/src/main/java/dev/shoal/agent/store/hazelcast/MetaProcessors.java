package dev.shoal.agent.store.hazelcast;

import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Entry processors on the meta entry; each runs atomically on the member owning it (and its
 * backups).
 */
final class MetaProcessors {

  private MetaProcessors() {}

  /**
   * Hands out the next resource version, unless {@code fence} (>= 0) is older than the stored
   * epoch. Returns {@code {version, epoch}}, version -1 when fenced.
   */
  record NextVersion(long fence) implements EntryProcessor<String, long[], long[]> {
    @Override
    public long[] process(Map.Entry<String, long[]> entry) {
      long[] meta = entry.getValue() == null ? Meta.fresh(0) : entry.getValue().clone();
      if (fence >= 0 && fence < meta[Meta.EPOCH]) {
        return new long[] {-1, meta[Meta.EPOCH]};
      }
      meta[Meta.VERSION]++;
      entry.setValue(meta);
      return new long[] {meta[Meta.VERSION], meta[Meta.EPOCH]};
    }
  }

  /** Raises the leadership epoch by one; returns the new epoch. */
  record BumpEpoch() implements EntryProcessor<String, long[], Long> {
    @Override
    public Long process(Map.Entry<String, long[]> entry) {
      long[] meta = entry.getValue() == null ? Meta.fresh(0) : entry.getValue().clone();
      meta[Meta.EPOCH]++;
      entry.setValue(meta);
      return meta[Meta.EPOCH];
    }
  }

  /**
   * Creates the meta entry for a fresh cluster (a whole-cluster start or restart), or leaves the
   * existing one. Returns the entry as it now is, plus a last element 1 when this call created it.
   */
  record Init(long restoreUntilMillis) implements EntryProcessor<String, long[], long[]> {
    @Override
    public long[] process(Map.Entry<String, long[]> entry) {
      boolean created = entry.getValue() == null;
      if (created) {
        entry.setValue(Meta.fresh(restoreUntilMillis));
      }
      long[] result = java.util.Arrays.copyOf(entry.getValue(), Meta.SIZE + 1);
      result[Meta.SIZE] = created ? 1 : 0;
      return result;
    }
  }

  /**
   * After restoring versions up to {@code restored}: moves the counter past them by {@link
   * Meta#GAP}.
   */
  record RaiseVersion(long restored) implements EntryProcessor<String, long[], Long> {
    @Override
    public Long process(Map.Entry<String, long[]> entry) {
      long[] meta = entry.getValue() == null ? Meta.fresh(0) : entry.getValue().clone();
      if (meta[Meta.VERSION] <= restored) {
        meta[Meta.VERSION] = restored + Meta.GAP;
        entry.setValue(meta);
      }
      return meta[Meta.VERSION];
    }
  }
}
