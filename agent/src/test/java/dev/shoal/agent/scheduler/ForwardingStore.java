package dev.shoal.agent.scheduler;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** A store that passes everything to another; tests override a method to inject a fault. */
class ForwardingStore implements ClusterStore {

  private final ClusterStore delegate;

  ForwardingStore(ClusterStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<Resource> create(Resource object) {
    return delegate.create(object);
  }

  @Override
  public Future<Resource> get(ObjectKey key) {
    return delegate.get(key);
  }

  @Override
  public Future<Listing> list(String kind, String namespace) {
    return delegate.list(kind, namespace);
  }

  @Override
  public Future<Resource> update(Resource object) {
    return delegate.update(object);
  }

  @Override
  public Future<Resource> modify(ObjectKey key, UnaryOperator<Resource> change) {
    return delegate.modify(key, change);
  }

  @Override
  public Future<Resource> delete(ObjectKey key) {
    return delegate.delete(key);
  }

  @Override
  public Future<Watch> watch(
      String kind, String namespace, long sinceVersion, Consumer<WatchEvent> sink) {
    return delegate.watch(kind, namespace, sinceVersion, sink);
  }

  @Override
  public Future<Long> currentVersion() {
    return delegate.currentVersion();
  }
}
