package dev.shoal.agent.store;

import dev.shoal.manifests.model.Resource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A store that lives in this JVM's memory. Each operation is atomic under one lock and never blocks
 * for long, so it is safe to call from an event loop. Used by a single node and by tests.
 */
public final class InMemoryStore implements FencedWrites, LeaderEpochs {

  private static final long NO_FENCE = -1;

  private final Clock clock;
  private final WatchHub hub;
  private final Map<ObjectKey, Resource> objects =
      new TreeMap<>(
          Comparator.comparing(ObjectKey::kind)
              .thenComparing(ObjectKey::namespace)
              .thenComparing(ObjectKey::name));
  private long version;
  private long epoch;

  public InMemoryStore() {
    this(Clock.systemUTC(), 10_000);
  }

  public InMemoryStore(Clock clock, int historyLimit) {
    this.clock = clock;
    this.hub = new WatchHub(historyLimit);
  }

  @Override
  public Future<Resource> create(Resource object) {
    return create(object, NO_FENCE);
  }

  @Override
  public Future<Resource> create(Resource object, long fence) {
    return attempt(
        () -> {
          synchronized (this) {
            checkFence(fence, ObjectKey.of(object));
            Resource stamped = Stamps.forCreate(object, version + 1, clock.instant());
            ObjectKey key = ObjectKey.of(stamped);
            if (objects.containsKey(key)) {
              throw StoreException.alreadyExists(key);
            }
            return commit(key, stamped, WatchEvent.Type.ADDED);
          }
        });
  }

  @Override
  public Future<Resource> get(ObjectKey key) {
    return attempt(
        () -> {
          synchronized (this) {
            return current(key);
          }
        });
  }

  @Override
  public synchronized Future<Listing> list(String kind, String namespace) {
    List<Resource> items = new ArrayList<>();
    for (Map.Entry<ObjectKey, Resource> entry : objects.entrySet()) {
      ObjectKey key = entry.getKey();
      if (key.kind().equals(kind) && (namespace == null || namespace.equals(key.namespace()))) {
        items.add(entry.getValue());
      }
    }
    return Future.succeededFuture(new Listing(items, version));
  }

  @Override
  public Future<Resource> update(Resource object) {
    return update(object, NO_FENCE);
  }

  @Override
  public Future<Resource> update(Resource object, long fence) {
    return attempt(
        () -> {
          synchronized (this) {
            ObjectKey key = ObjectKey.of(object);
            checkFence(fence, key);
            Resource stamped = Stamps.forUpdate(current(key), object, version + 1);
            return commit(key, stamped, WatchEvent.Type.MODIFIED);
          }
        });
  }

  @Override
  public Future<Resource> modify(ObjectKey key, UnaryOperator<Resource> change) {
    return modify(key, change, NO_FENCE);
  }

  @Override
  public Future<Resource> modify(ObjectKey key, UnaryOperator<Resource> change, long fence) {
    return attempt(
        () -> {
          synchronized (this) {
            checkFence(fence, key);
            Resource stored = current(key);
            Resource changed = change.apply(stored);
            if (changed == stored) {
              return stored;
            }
            Resource stamped =
                Stamps.forUpdate(
                    stored,
                    changed.withMetadata(
                        changed
                            .metadata()
                            .withResourceVersion(stored.metadata().resourceVersion())),
                    version + 1);
            return commit(key, stamped, WatchEvent.Type.MODIFIED);
          }
        });
  }

  @Override
  public Future<Resource> delete(ObjectKey key) {
    return delete(key, NO_FENCE);
  }

  @Override
  public Future<Resource> delete(ObjectKey key, long fence) {
    return attempt(
        () -> {
          synchronized (this) {
            checkFence(fence, key);
            Resource stored = current(key);
            objects.remove(key);
            version++;
            Resource last =
                stored.withMetadata(stored.metadata().withResourceVersion(Long.toString(version)));
            hub.publish(new WatchEvent(WatchEvent.Type.DELETED, last, version));
            return last;
          }
        });
  }

  @Override
  public Future<Watch> watch(
      String kind, String namespace, long sinceVersion, Consumer<WatchEvent> sink) {
    Context context = Vertx.currentContext();
    return attempt(() -> hub.subscribe(kind, namespace, sinceVersion, context, sink));
  }

  @Override
  public synchronized Future<Long> currentVersion() {
    return Future.succeededFuture(version);
  }

  @Override
  public synchronized Future<Long> bumpEpoch() {
    return Future.succeededFuture(++epoch);
  }

  @Override
  public synchronized Future<Long> currentEpoch() {
    return Future.succeededFuture(epoch);
  }

  @Override
  public ClusterStore fenced(long leaderEpoch) {
    return new FencedStore(this, leaderEpoch);
  }

  private void checkFence(long fence, ObjectKey key) {
    if (fence != NO_FENCE && fence < epoch) {
      throw StoreException.fenced(key, fence, epoch);
    }
  }

  private Resource current(ObjectKey key) {
    Resource stored = objects.get(key);
    if (stored == null) {
      throw StoreException.notFound(key);
    }
    return stored;
  }

  private Resource commit(ObjectKey key, Resource stamped, WatchEvent.Type type) {
    version++;
    objects.put(key, stamped);
    hub.publish(new WatchEvent(type, stamped, version));
    return stamped;
  }

  private static <T> Future<T> attempt(java.util.function.Supplier<T> operation) {
    try {
      return Future.succeededFuture(operation.get());
    } catch (StoreException e) {
      return Future.failedFuture(e);
    }
  }
}
