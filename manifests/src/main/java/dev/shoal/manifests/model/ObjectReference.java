package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Points at another object, e.g. the pod behind an endpoint address, or what an Event is about;
 * {@code fieldPath} names a part of it, e.g. {@code spec.containers{web}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectReference(
    String kind,
    String namespace,
    String name,
    String uid,
    String apiVersion,
    String resourceVersion,
    String fieldPath) {

  public ObjectReference(
      String kind,
      String namespace,
      String name,
      String uid,
      String apiVersion,
      String resourceVersion) {
    this(kind, namespace, name, uid, apiVersion, resourceVersion, null);
  }

  public static ObjectReference to(Resource resource) {
    ObjectMeta m = resource.metadata();
    return new ObjectReference(
        resource.kind(),
        m == null ? null : m.namespace(),
        m == null ? null : m.name(),
        m == null ? null : m.uid(),
        resource.apiVersion(),
        m == null ? null : m.resourceVersion());
  }

  public ObjectReference withFieldPath(String value) {
    return new ObjectReference(kind, namespace, name, uid, apiVersion, resourceVersion, value);
  }
}
