package dev.shoal.agent.events;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Event;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Where Events are kept: apart from the cluster's objects, each for {@link Limits#ttl()} after its
 * last write, at most {@link Limits#maxEvents()} of them (the oldest go first). Every write stamps
 * a new resourceVersion of the events' own sequence; lists and watches work as the object store's
 * do.
 */
public interface EventStore {

  /** Creates the event or replaces the one of that namespace and name; yields it as stored. */
  Future<Event> put(Event event);

  /** The event, or a {@link dev.shoal.agent.store.StoreException} NOT_FOUND. */
  Future<Event> get(String namespace, String name);

  /** Events of one namespace, or of all when {@code namespace} is null. */
  Future<ClusterStore.Listing> list(String namespace);

  /**
   * Changes after {@code sinceVersion} (expiries and evictions are DELETED), on the caller's
   * context.
   */
  Future<ClusterStore.Watch> watch(String namespace, long sinceVersion, Consumer<WatchEvent> sink);

  /**
   * How long events live and how many are kept.
   *
   * @param ttl an event goes this long after its last write (Kubernetes' {@code --event-ttl}, 1 h)
   * @param maxEvents the most kept (per member on Hazelcast), the least recently written going
   *     first
   */
  record Limits(Duration ttl, int maxEvents) {
    public static final Limits DEFAULT = new Limits(Duration.ofHours(1), 10_000);

    public Limits {
      if (ttl.toSeconds() < 1 || maxEvents < 1) {
        throw new IllegalArgumentException(
            "events need a time to live of at least 1 s and room for one");
      }
    }
  }
}
