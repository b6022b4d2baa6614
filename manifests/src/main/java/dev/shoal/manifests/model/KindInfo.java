package dev.shoal.manifests.model;

/**
 * What the API knows about one kind: how it is addressed ({@code group}, {@code version}, {@code
 * plural}), whether it lives in a namespace, and the record that holds it.
 */
public record KindInfo(
    String kind,
    String group,
    String version,
    String plural,
    boolean namespaced,
    Class<? extends Resource> type) {

  /** {@code v1} for the core group, otherwise {@code group/version}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The URL path of the collection, e.g. {@code /apis/apps/v1/namespaces/ns/replicasets}. */
  public String collectionPath(String namespace) {
    String root = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    return namespaced && namespace != null
        ? root + "/namespaces/" + namespace + "/" + plural
        : root + "/" + plural;
  }
}
