package dev.shoal.agent.store;

import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The leader's view of a store: every write carries the leader's epoch and is refused with FENCED
 * once a newer leader has bumped it; reads and watches pass through.
 */
public final class FencedStore implements ClusterStore {

  private final FencedWrites store;
  private final long epoch;

  public FencedStore(FencedWrites store, long epoch) {
    this.store = store;
    this.epoch = epoch;
  }

  @Override
  public Future<Resource> create(Resource object) {
    return store.create(object, epoch);
  }

  @Override
  public Future<Resource> get(ObjectKey key) {
    return store.get(key);
  }

  @Override
  public Future<Listing> list(String kind, String namespace) {
    return store.list(kind, namespace);
  }

  @Override
  public Future<Resource> update(Resource object) {
    return store.update(object, epoch);
  }

  @Override
  public Future<Resource> modify(ObjectKey key, UnaryOperator<Resource> change) {
    return store.modify(key, change, epoch);
  }

  @Override
  public Future<Resource> delete(ObjectKey key) {
    return store.delete(key, epoch);
  }

  @Override
  public Future<Watch> watch(
      String kind, String namespace, long sinceVersion, Consumer<WatchEvent> sink) {
    return store.watch(kind, namespace, sinceVersion, sink);
  }

  @Override
  public Future<Long> currentVersion() {
    return store.currentVersion();
  }

  @Override
  public ClusterStore fenced(long other) {
    return store.fenced(other);
  }
}
