package dev.shoal.agent.store.hazelcast;

import com.hazelcast.map.IMap;
import dev.shoal.agent.store.DiskCopy;
import dev.shoal.agent.store.ObjectKey;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whole-cluster restart: the member that finds no cluster state (the meta entry is missing) creates
 * it and opens a restore window; it and every member joining inside the window write their on-disk
 * copies into the maps, the newest version of each object winning (tombstones included, so
 * deletions stick). Members joining a running cluster after the window restore nothing: the cluster
 * is the truth.
 */
final class Restore {

  private static final Logger LOG = LoggerFactory.getLogger(Restore.class);

  private final IMap<String, String> objects;
  private final IMap<String, long[]> meta;
  private final Calls calls;
  private final DiskCopy disk;
  private final long windowMillis;
  private final long tombstoneTtlSeconds;

  Restore(
      IMap<String, String> objects,
      IMap<String, long[]> meta,
      Calls calls,
      DiskCopy disk,
      long windowMillis,
      long tombstoneTtlSeconds) {
    this.objects = objects;
    this.meta = meta;
    this.calls = calls;
    this.disk = disk;
    this.windowMillis = windowMillis;
    this.tombstoneTtlSeconds = tombstoneTtlSeconds;
  }

  void run() throws Exception {
    long now = System.currentTimeMillis();
    long[] state =
        calls.await(
            meta.submitToKey(HazelcastNames.META_KEY, new MetaProcessors.Init(now + windowMillis)));
    boolean fresh = state[Meta.SIZE] == 1;
    if (disk == null || (!fresh && now >= state[Meta.RESTORE_UNTIL])) {
      return;
    }
    // An entry that does not decode would be refused by every member's view: it stays on disk, set
    // aside.
    Map<ObjectKey, String> saved =
        disk.load((key, stored) -> Envelope.parse(stored).decode(key)).objects();
    long highest = 0;
    int written = 0;
    for (Map.Entry<ObjectKey, String> entry : saved.entrySet()) {
      long version = Envelope.versionOf(entry.getValue());
      highest = Math.max(highest, version);
      String[] result =
          calls.await(
              objects.submitToKey(
                  HazelcastNames.key(entry.getKey()),
                  new WriteObject(
                      WriteObject.Mode.RESTORE,
                      -1,
                      version,
                      entry.getValue(),
                      tombstoneTtlSeconds,
                      -1,
                      "")));
      if (WriteObject.Outcome.valueOf(result[0]) == WriteObject.Outcome.OK) {
        written++;
      }
    }
    if (!saved.isEmpty()) {
      calls.await(
          meta.submitToKey(HazelcastNames.META_KEY, new MetaProcessors.RaiseVersion(highest)));
    }
    LOG.info(
        "{} cluster: restored {} of {} objects from the on-disk copy (newest version {})",
        fresh ? "fresh" : "restarting",
        written,
        saved.size(),
        highest);
  }
}
