package dev.shoal.agent.store;

import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The cluster's desired and observed state: every API object, keyed by {@link ObjectKey}. All
 * writes stamp a new store-wide resource version; a write that names a stale resourceVersion fails
 * with {@link StoreException.Reason#CONFLICT}. Failures are {@link StoreException}s.
 *
 * <p>Implementations: {@code InMemoryStore} (one node, tests) and the Hazelcast-backed store.
 */
public interface ClusterStore {

  /**
   * Stores a new object: assigns uid, resourceVersion, creationTimestamp, generation (and a name
   * from generateName).
   */
  Future<Resource> create(Resource object);

  Future<Resource> get(ObjectKey key);

  /** Objects of one kind; {@code namespace} null means every namespace. */
  Future<Listing> list(String kind, String namespace);

  /**
   * Replaces an object. When {@code object.metadata().resourceVersion()} is set it must be the
   * current one (compare-and-set); when it is null the write is unconditional. uid and
   * creationTimestamp are kept from the stored object; generation grows when the spec changes.
   */
  Future<Resource> update(Resource object);

  /**
   * Read-modify-write that retries on conflict: {@code change} gets the current object and returns
   * the new one, or the same instance to write nothing. Controllers and status writers use this.
   */
  Future<Resource> modify(ObjectKey key, UnaryOperator<Resource> change);

  /** Removes an object and returns its last state. */
  Future<Resource> delete(ObjectKey key);

  /**
   * Streams changes of one kind (namespace null = all) made after {@code sinceVersion}, in order.
   * Fails with GONE when that version is older than the history the store keeps. Events are
   * delivered on the caller's Vert.x context when there is one.
   */
  Future<Watch> watch(String kind, String namespace, long sinceVersion, Consumer<WatchEvent> sink);

  /** The newest resource version written. */
  Future<Long> currentVersion();

  /**
   * A view of this store whose writes are refused with {@link StoreException.Reason#FENCED} once
   * the leadership epoch stored in the cluster is newer than {@code epoch}. Reads are the same as
   * this store's. The leader hands this view to its scheduler and controllers so a deposed leader's
   * late writes fail.
   */
  default ClusterStore fenced(long epoch) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not support fencing");
  }

  /** A list result and the store version it is consistent with (to resume a watch from). */
  record Listing(java.util.List<Resource> items, long version) {}

  /** A running watch. */
  interface Watch {
    void cancel();
  }
}
