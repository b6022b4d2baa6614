package dev.shoal.agent.controllers;

import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of one kind seen through a watch, per namespace, so an event about an orphan (a pod no
 * one owns yet) can be routed to every candidate owner of its namespace without a store read.
 */
final class OwnerIndex {

  private final Map<String, Set<ObjectKey>> byNamespace = new ConcurrentHashMap<>();

  void observe(WatchEvent event) {
    ObjectKey key = event.key();
    if (event.type() == WatchEvent.Type.DELETED) {
      Set<ObjectKey> keys = byNamespace.get(key.namespace());
      if (keys != null) {
        keys.remove(key);
      }
    } else {
      byNamespace.computeIfAbsent(key.namespace(), ns -> ConcurrentHashMap.newKeySet()).add(key);
    }
  }

  /** Records a key read directly (objects listed at start have sent no event). */
  void remember(ObjectKey key) {
    byNamespace.computeIfAbsent(key.namespace(), ns -> ConcurrentHashMap.newKeySet()).add(key);
  }

  void forget(ObjectKey key) {
    Set<ObjectKey> keys = byNamespace.get(key.namespace());
    if (keys != null) {
      keys.remove(key);
    }
  }

  List<ObjectKey> inNamespace(String namespace) {
    Set<ObjectKey> keys = byNamespace.get(namespace == null ? "" : namespace);
    return keys == null ? List.of() : List.copyOf(keys);
  }
}
