package dev.shoal.agent.store;

import dev.shoal.manifests.model.Resource;

/** Names one stored object: its kind, namespace (empty for cluster-scoped kinds) and name. */
public record ObjectKey(String kind, String namespace, String name) {

  public ObjectKey {
    namespace = namespace == null ? "" : namespace;
  }

  public static ObjectKey of(Resource resource) {
    return new ObjectKey(
        resource.kind(), resource.metadata().namespace(), resource.metadata().name());
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}
