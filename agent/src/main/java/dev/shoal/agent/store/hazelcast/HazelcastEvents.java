package dev.shoal.agent.store.hazelcast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.flakeidgen.FlakeIdGenerator;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.spi.merge.PassThroughMergePolicy;
import dev.shoal.agent.events.EventStamps;
import dev.shoal.agent.events.EventStore;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.agent.store.WatchHub;
import dev.shoal.manifests.codec.Json;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EventStore} on a Hazelcast map of its own, configured with the events' time to live
 * and a per-member size bound (least recently written evicted first), merged after a partition by
 * simply taking the other side's copy. Versions come from a flake-ID generator, not the object
 * store's counter, and a listener feeds a local copy and a watch hub of their own: events never
 * touch the object store's writes, versions or watch fan-out. Calls run on a small worker pool of
 * their own.
 */
public final class HazelcastEvents implements EventStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HazelcastEvents.class);

  /**
   * Outside {@code shoal-*}, whose configuration (version merge, no expiry) is the object store's.
   */
  public static final String DEFAULT_MAP = "shoal.events";

  private final IMap<String, String> map;
  private final FlakeIdGenerator versions;
  private final Limits limits;
  private final Calls calls = new Calls(Duration.ofSeconds(10));
  private final WatchHub hub = new WatchHub(10_000);
  private final Map<String, Event> local = new ConcurrentHashMap<>();
  private final WorkerExecutor workers;
  private UUID listenerId;

  private HazelcastEvents(Vertx vertx, HazelcastInstance hazelcast, String mapName, Limits limits) {
    configure(hazelcast, mapName, limits);
    this.map = hazelcast.getMap(mapName);
    this.versions = hazelcast.getFlakeIdGenerator(mapName + ".versions");
    this.limits = limits;
    this.workers = vertx.createSharedWorkerExecutor("shoal-events-" + UUID.randomUUID(), 2);
  }

  /**
   * Opens the events map (configuring it cluster-wide on first use) and loads this member's copy.
   */
  public static Future<HazelcastEvents> open(
      Vertx vertx, HazelcastInstance hazelcast, String mapName, Limits limits) {
    return vertx.executeBlocking(
        () -> {
          HazelcastEvents events = new HazelcastEvents(vertx, hazelcast, mapName, limits);
          events.listenerId = events.map.addEntryListener(events.new Listener(), true);
          for (Map.Entry<String, String> e : events.map.entrySet()) {
            Event event = decode(e.getValue());
            events.local.merge(e.getKey(), event, HazelcastEvents::newer);
          }
          LOG.info(
              "events map {} open: {} events, kept {} s, at most {} per member",
              mapName,
              events.local.size(),
              limits.ttl().toSeconds(),
              limits.maxEvents());
          return events;
        },
        false);
  }

  /** The map's configuration, added as dynamic configuration before the map is first used. */
  static MapConfig config(String mapName, Limits limits) {
    MapConfig config =
        new MapConfig(mapName)
            .setTimeToLiveSeconds((int) Math.min(Integer.MAX_VALUE, limits.ttl().toSeconds()))
            .setBackupCount(1)
            .setAsyncBackupCount(0)
            .setStatisticsEnabled(false);
    config.setEvictionConfig(
        new EvictionConfig()
            .setEvictionPolicy(EvictionPolicy.LRU)
            .setMaxSizePolicy(MaxSizePolicy.PER_NODE)
            .setSize(limits.maxEvents()));
    config.setMergePolicyConfig(
        new MergePolicyConfig(
            PassThroughMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
    return config;
  }

  private static void configure(HazelcastInstance hazelcast, String mapName, Limits limits) {
    try {
      hazelcast.getConfig().addMapConfig(config(mapName, limits));
    } catch (InvalidConfigurationException e) {
      // Another member configured it first with other limits: its configuration holds cluster-wide.
      LOG.warn(
          "events map {} keeps the limits another member gave it: {}", mapName, e.getMessage());
    }
  }

  @Override
  public Future<Event> put(Event event) {
    return run(
        () -> {
          String key = key(event.metadata().namespace(), event.metadata().name());
          Event before = local.get(key);
          if (before == null) { // written moments ago and not seen back yet, or by another member
            String stored = calls.await(map.getAsync(key));
            before = stored == null ? null : decode(stored);
          }
          Event stamped =
              EventStamps.stamp(event, before, versions.newId(), java.time.Instant.now());
          calls.await(map.setAsync(key, encode(stamped)));
          local.merge(key, stamped, HazelcastEvents::newer);
          return stamped;
        });
  }

  @Override
  public Future<Event> get(String namespace, String name) {
    return run(
        () -> {
          String stored = calls.await(map.getAsync(key(namespace, name)));
          if (stored == null) {
            throw StoreException.notFound(new ObjectKey(Event.KIND, namespace, name));
          }
          return decode(stored);
        });
  }

  @Override
  public Future<ClusterStore.Listing> list(String namespace) {
    long version = hub.highWater();
    List<Resource> items = new ArrayList<>();
    java.time.Instant oldest = java.time.Instant.now().minus(limits.ttl()).minusSeconds(1);
    // An expiry whose listener event was lost (a partition) must not keep an event here for good.
    local.values().removeIf(e -> e.lastTimestamp() != null && e.lastTimestamp().isBefore(oldest));
    for (Event e : local.values()) {
      if (namespace == null || namespace.equals(e.metadata().namespace())) {
        items.add(e);
      }
    }
    items.sort(
        java.util.Comparator.comparing((Resource e) -> e.metadata().namespace())
            .thenComparing(e -> e.metadata().name()));
    return Future.succeededFuture(new ClusterStore.Listing(items, version));
  }

  @Override
  public Future<ClusterStore.Watch> watch(
      String namespace, long sinceVersion, Consumer<WatchEvent> sink) {
    try {
      return Future.succeededFuture(
          hub.subscribe(Event.KIND, namespace, sinceVersion, Vertx.currentContext(), sink));
    } catch (StoreException e) {
      return Future.failedFuture(e);
    }
  }

  public Limits limits() {
    return limits;
  }

  @Override
  public void close() {
    try {
      if (listenerId != null) {
        map.removeEntryListener(listenerId);
      }
    } catch (RuntimeException e) {
      LOG.debug("events listener already gone", e);
    }
    workers.close();
  }

  /** Applies a change seen by the listener to the local copy and the watch hub. */
  private void applied(String key, String stored, WatchEvent.Type type) {
    Event event = decode(stored);
    local.merge(key, event, HazelcastEvents::newer);
    hub.publish(new WatchEvent(type, event, version(event)));
  }

  private static Event newer(Event a, Event b) {
    return version(b) >= version(a) ? b : a;
  }

  private void gone(String key, String oldValue) {
    Event before = local.remove(key);
    Event last = before != null ? before : oldValue != null ? decode(oldValue) : null;
    if (last != null) {
      hub.publish(
          new WatchEvent(WatchEvent.Type.DELETED, last, Math.max(version(last), hub.highWater())));
    }
  }

  private static long version(Event e) {
    return Long.parseLong(e.metadata().resourceVersion());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String encode(Event event) {
    try {
      return Json.mapper().writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode event", e);
    }
  }

  private static Event decode(String stored) {
    try {
      return Json.mapper().readValue(stored, Event.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot decode a stored event", e);
    }
  }

  private <T> Future<T> run(Callable<T> call) {
    return workers.executeBlocking(call, false);
  }

  /** Every member's changes, on Hazelcast's event threads. */
  private final class Listener
      implements EntryAddedListener<String, String>,
          EntryUpdatedListener<String, String>,
          EntryMergedListener<String, String>,
          EntryRemovedListener<String, String>,
          EntryEvictedListener<String, String>,
          EntryExpiredListener<String, String> {

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
      changed(event, WatchEvent.Type.ADDED);
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
      changed(event, WatchEvent.Type.MODIFIED);
    }

    @Override
    public void entryMerged(EntryEvent<String, String> event) {
      changed(event, WatchEvent.Type.MODIFIED);
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
      gone(event.getKey(), event.getOldValue());
    }

    @Override
    public void entryEvicted(EntryEvent<String, String> event) {
      gone(event.getKey(), event.getOldValue());
    }

    @Override
    public void entryExpired(EntryEvent<String, String> event) {
      gone(event.getKey(), event.getOldValue());
    }

    private void changed(EntryEvent<String, String> event, WatchEvent.Type type) {
      try {
        if (event.getValue() != null) {
          applied(event.getKey(), event.getValue(), type);
        }
      } catch (RuntimeException e) {
        LOG.warn("cannot apply event change {}: {}", event.getKey(), e.toString());
      }
    }
  }
}
