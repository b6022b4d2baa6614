package dev.shoal.agent.store;

import dev.shoal.manifests.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * This node's in-memory replica of every object, kept current by the store's change listener.
 * Hot-path readers (DNS, the load balancer, list requests) read it without touching the network.
 * Each object's changes are applied in version order: a change not newer than the last one seen for
 * its key is dropped, so the same change may arrive twice (from this node's own write and from the
 * listener) harmlessly. Applied changes are published to the {@link WatchHub} under the same lock,
 * so a listing and a watch from its version fit together exactly.
 */
public final class LocalView {

  private static final int DELETED_REMEMBERED = 100_000;

  /** Receives every applied change with its stored form (e.g. to keep an on-disk copy). */
  public interface ChangeSink {
    void changed(ObjectKey key, long version, boolean deleted, String stored);
  }

  private final WatchHub hub;
  private final ChangeSink sink;

  /** kind -> "namespace/name" -> object, sorted like the in-memory store lists. */
  private final Map<String, TreeMap<String, Resource>> byKind = new HashMap<>();

  /** Last version applied per live key. */
  private final Map<ObjectKey, Long> versions = new HashMap<>();

  /**
   * Version of the deletion of recently deleted keys, so a late older change cannot bring them
   * back.
   */
  private final Map<ObjectKey, Long> deletedAt =
      new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectKey, Long> eldest) {
          return size() > DELETED_REMEMBERED;
        }
      };

  private boolean publishing;
  private long loadedThrough;

  public LocalView(WatchHub hub, ChangeSink sink) {
    this.hub = hub;
    this.sink = sink;
  }

  /**
   * Applies one change; {@code object} is the new state, or for a deletion the last state. Returns
   * false when the change was not newer than what the view holds.
   */
  public synchronized boolean apply(
      ObjectKey key, long version, boolean deleted, Resource object, String stored) {
    Long known = versions.containsKey(key) ? versions.get(key) : deletedAt.get(key);
    if (known != null && known >= version) {
      return false;
    }
    if (deleted) {
      versions.remove(key);
      deletedAt.put(key, version);
    } else {
      versions.put(key, version);
      deletedAt.remove(key);
    }
    TreeMap<String, Resource> objects = byKind.computeIfAbsent(key.kind(), k -> new TreeMap<>());
    String name = key.namespace() + "/" + key.name();
    Resource previous = deleted ? objects.remove(name) : objects.put(name, object);
    sink.changed(key, version, deleted, stored);
    if (!publishing) {
      loadedThrough = Math.max(loadedThrough, version);
      return true;
    }
    if (deleted && previous == null) {
      return true;
    }
    WatchEvent.Type type =
        deleted
            ? WatchEvent.Type.DELETED
            : previous == null ? WatchEvent.Type.ADDED : WatchEvent.Type.MODIFIED;
    hub.publish(new WatchEvent(type, object, version));
    return true;
  }

  /**
   * Ends the initial load: watches can start from the version loaded, later changes are published.
   */
  public synchronized void startPublishing() {
    hub.startAt(loadedThrough);
    publishing = true;
  }

  /** Objects of one kind in one namespace (null: all), answered from memory. */
  public synchronized List<Resource> list(String kind, String namespace) {
    TreeMap<String, Resource> objects = byKind.get(kind);
    if (objects == null) {
      return List.of();
    }
    if (namespace == null) {
      return new ArrayList<>(objects.values());
    }
    return new ArrayList<>(objects.subMap(namespace + "/", namespace + "0").values());
  }

  public synchronized ClusterStore.Listing listing(String kind, String namespace) {
    return new ClusterStore.Listing(list(kind, namespace), hub.highWater());
  }

  public synchronized Optional<Resource> get(ObjectKey key) {
    TreeMap<String, Resource> objects = byKind.get(key.kind());
    return Optional.ofNullable(
        objects == null ? null : objects.get(key.namespace() + "/" + key.name()));
  }

  /** The newest version this view has applied (or loaded). */
  public synchronized long version() {
    return Math.max(hub.highWater(), loadedThrough);
  }

  /** Every live object, for re-syncing a copy. */
  public synchronized Map<ObjectKey, Resource> snapshot() {
    Map<ObjectKey, Resource> all = new HashMap<>();
    for (Map.Entry<String, TreeMap<String, Resource>> kind : byKind.entrySet()) {
      for (Resource object : kind.getValue().values()) {
        all.put(ObjectKey.of(object), object);
      }
    }
    return all;
  }
}
