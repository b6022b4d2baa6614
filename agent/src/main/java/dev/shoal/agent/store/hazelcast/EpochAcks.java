package dev.shoal.agent.store.hazelcast;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads each new leadership epoch to every member: a listener on the meta entry raises this
 * member's {@link EpochCache} and acknowledges the epoch in a small map; a new leader waits for
 * every member's acknowledgement before it acts, so from then on {@link WriteObject} refuses older
 * epochs everywhere.
 */
final class EpochAcks {

  private static final Logger LOG = LoggerFactory.getLogger(EpochAcks.class);

  private final HazelcastInstance hazelcast;
  private final IMap<String, long[]> meta;
  private final IMap<String, Long> acks;
  private final String mapPrefix;
  private final Calls calls;
  private final Duration timeout;
  private UUID listenerId;

  EpochAcks(
      HazelcastInstance hazelcast,
      IMap<String, long[]> meta,
      String mapPrefix,
      Calls calls,
      Duration timeout) {
    this.hazelcast = hazelcast;
    this.meta = meta;
    this.acks = hazelcast.getMap(mapPrefix + HazelcastNames.EPOCH_ACKS);
    this.mapPrefix = mapPrefix;
    this.calls = calls;
    this.timeout = timeout;
  }

  /** Starts following the epoch and records the current one. */
  void start() {
    listenerId = meta.addEntryListener(new Listener(), true);
    long[] state = meta.get(HazelcastNames.META_KEY);
    if (state != null) {
      seen(state[Meta.EPOCH]);
    }
  }

  void stop() {
    if (listenerId != null) {
      meta.removeEntryListener(listenerId);
    }
  }

  /** This member has seen {@code epoch}: remember it and say so. */
  void seen(long epoch) {
    EpochCache.raise(hazelcast.getName(), mapPrefix, epoch);
    acks.putAsync(
        hazelcast.getCluster().getLocalMember().getUuid().toString(),
        EpochCache.current(hazelcast.getName(), mapPrefix));
  }

  /**
   * Waits until every current member acknowledged {@code epoch}, at most the timeout (then goes
   * ahead).
   */
  void awaitAcknowledged(long epoch) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (var member : hazelcast.getCluster().getMembers()) {
        Long acknowledged = calls.await(acks.getAsync(member.getUuid().toString()));
        all &= acknowledged != null && acknowledged >= epoch;
      }
      if (all) {
        return;
      }
      Thread.sleep(10);
    }
    LOG.warn("not every member acknowledged epoch {} within {}; going ahead", epoch, timeout);
  }

  private final class Listener
      implements EntryAddedListener<String, long[]>,
          EntryUpdatedListener<String, long[]>,
          EntryMergedListener<String, long[]> {

    @Override
    public void entryAdded(EntryEvent<String, long[]> event) {
      changed(event);
    }

    @Override
    public void entryUpdated(EntryEvent<String, long[]> event) {
      changed(event);
    }

    @Override
    public void entryMerged(EntryEvent<String, long[]> event) {
      changed(event);
    }

    private void changed(EntryEvent<String, long[]> event) {
      if (event.getValue() != null && event.getValue()[Meta.EPOCH] > 0) {
        seen(event.getValue()[Meta.EPOCH]);
      }
    }
  }
}
