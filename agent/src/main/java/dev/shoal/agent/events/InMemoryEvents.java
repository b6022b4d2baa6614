package dev.shoal.agent.events;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.agent.store.WatchHub;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An {@link EventStore} in this process, on a clock the caller gives (tests move it): entries in
 * write order, so the oldest expire and are evicted first; expiry happens as the store is used.
 */
public final class InMemoryEvents implements EventStore {

  private final Clock clock;
  private final Limits limits;
  private final WatchHub hub = new WatchHub(1_000);

  /** Least recently written first. */
  private final LinkedHashMap<ObjectKey, Stored> events = new LinkedHashMap<>();

  private long version;

  private record Stored(Event event, Instant expiresAt) {}

  public InMemoryEvents(Clock clock, Limits limits) {
    this.clock = clock;
    this.limits = limits;
  }

  @Override
  public synchronized Future<Event> put(Event event) {
    expire();
    ObjectKey key = ObjectKey.of(event);
    Stored before = events.remove(key);
    Event stamped =
        EventStamps.stamp(
            event, before == null ? null : before.event(), ++version, clock.instant());
    events.put(key, new Stored(stamped, clock.instant().plus(limits.ttl())));
    hub.publish(
        new WatchEvent(
            before == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED, stamped, version));
    while (events.size() > limits.maxEvents()) {
      Iterator<Map.Entry<ObjectKey, Stored>> oldest = events.entrySet().iterator();
      Event gone = oldest.next().getValue().event();
      oldest.remove();
      hub.publish(new WatchEvent(WatchEvent.Type.DELETED, gone, ++version));
    }
    return Future.succeededFuture(stamped);
  }

  @Override
  public synchronized Future<Event> get(String namespace, String name) {
    expire();
    ObjectKey key = new ObjectKey(Event.KIND, namespace, name);
    Stored stored = events.get(key);
    return stored == null
        ? Future.failedFuture(StoreException.notFound(key))
        : Future.succeededFuture(stored.event());
  }

  @Override
  public synchronized Future<ClusterStore.Listing> list(String namespace) {
    expire();
    List<Resource> items = new ArrayList<>();
    for (Stored s : events.values()) {
      if (namespace == null || namespace.equals(s.event().metadata().namespace())) {
        items.add(s.event());
      }
    }
    return Future.succeededFuture(new ClusterStore.Listing(items, version));
  }

  @Override
  public synchronized Future<ClusterStore.Watch> watch(
      String namespace, long sinceVersion, Consumer<WatchEvent> sink) {
    try {
      return Future.succeededFuture(
          hub.subscribe(Event.KIND, namespace, sinceVersion, Vertx.currentContext(), sink));
    } catch (StoreException e) {
      return Future.failedFuture(e);
    }
  }

  /** How many events are kept now. */
  public synchronized int size() {
    expire();
    return events.size();
  }

  private void expire() {
    Instant now = clock.instant();
    Iterator<Map.Entry<ObjectKey, Stored>> it = events.entrySet().iterator();
    while (it.hasNext()) {
      Stored oldest = it.next().getValue();
      if (oldest.expiresAt().isAfter(now)) {
        return; // write order is expiry order
      }
      it.remove();
      hub.publish(new WatchEvent(WatchEvent.Type.DELETED, oldest.event(), ++version));
    }
  }
}
