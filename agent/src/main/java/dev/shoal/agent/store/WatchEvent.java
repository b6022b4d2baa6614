package dev.shoal.agent.store;

import dev.shoal.manifests.model.Resource;

/**
 * One change to one object, as the store saw it. {@code version} is the store-wide resource version
 * the change was written at; for DELETED, {@code object} is the last state before removal.
 */
public record WatchEvent(Type type, Resource object, long version) {

  public enum Type {
    ADDED,
    MODIFIED,
    DELETED
  }

  public ObjectKey key() {
    return ObjectKey.of(object);
  }
}
