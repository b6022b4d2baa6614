package dev.shoal.agent.store.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * After a partition heals, keeps the copy with the higher resource version (objects) or the higher
 * version counter (the meta entry). Versions come from one counter and the smaller side of a
 * partition may not write, so the higher version is the newer truth; ties keep the entry already in
 * the surviving cluster.
 */
public final class VersionMergePolicy
    implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

  @Override
  public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
    if (existing == null) {
      return merging.getRawValue();
    }
    Object incoming = merging.getDeserializedValue();
    Object current = existing.getDeserializedValue();
    return version(incoming) > version(current) ? merging.getRawValue() : existing.getRawValue();
  }

  private static long version(Object value) {
    if (value instanceof String raw) {
      return Envelope.versionOf(raw);
    }
    if (value instanceof long[] meta) {
      return meta[Meta.VERSION];
    }
    return Long.MIN_VALUE;
  }

  @Override
  public void writeData(ObjectDataOutput out) {}

  @Override
  public void readData(ObjectDataInput in) {}
}
