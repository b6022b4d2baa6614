package dev.shoal.manifests.model;

import java.util.List;

/**
 * What the API knows about one kind: how it is addressed ({@code group}, {@code version}, {@code
 * plural}), whether it lives in a namespace, the record that holds it, and what discovery tells
 * clients about it: the {@code shortNames} and {@code categories} (such as {@code all}) kubectl
 * resolves, as upstream gives them.
 */
public record KindInfo(
    String kind,
    String group,
    String version,
    String plural,
    boolean namespaced,
    Class<? extends Resource> type,
    List<String> shortNames,
    List<String> categories) {

  public KindInfo {
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
  }

  /** A kind with no short names and in no category. */
  public KindInfo(
      String kind,
      String group,
      String version,
      String plural,
      boolean namespaced,
      Class<? extends Resource> type) {
    this(kind, group, version, plural, namespaced, type, List.of(), List.of());
  }

  /** This kind with the given short names and categories. */
  public KindInfo described(List<String> names, List<String> inCategories) {
    return new KindInfo(kind, group, version, plural, namespaced, type, names, inCategories);
  }

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
