package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Kubernetes object metadata, with the same field names. Absent fields are null. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ObjectMeta(
    String name,
    String generateName,
    String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    String uid,
    String resourceVersion,
    Long generation,
    Instant creationTimestamp,
    Instant deletionTimestamp,
    Long deletionGracePeriodSeconds,
    List<OwnerReference> ownerReferences,
    List<String> finalizers) {

  /** The namespace of a namespaced object that names none. */
  public static final String DEFAULT_NAMESPACE = "default";

  public static ObjectMeta named(String namespace, String name) {
    return new ObjectMeta(
        name, null, namespace, null, null, null, null, null, null, null, null, null, null);
  }

  public ObjectMeta withName(String value) {
    return new ObjectMeta(
        value,
        generateName,
        namespace,
        labels,
        annotations,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        ownerReferences,
        finalizers);
  }

  public ObjectMeta withNamespace(String value) {
    return new ObjectMeta(
        name,
        generateName,
        value,
        labels,
        annotations,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        ownerReferences,
        finalizers);
  }

  public ObjectMeta withLabels(Map<String, String> value) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        value,
        annotations,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        ownerReferences,
        finalizers);
  }

  public ObjectMeta withAnnotations(Map<String, String> value) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        labels,
        value,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        ownerReferences,
        finalizers);
  }

  public ObjectMeta withUid(String value) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        value,
        resourceVersion,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        ownerReferences,
        finalizers);
  }

  public ObjectMeta withResourceVersion(String value) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        uid,
        value,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        ownerReferences,
        finalizers);
  }

  public ObjectMeta withGeneration(Long value) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        uid,
        resourceVersion,
        value,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        ownerReferences,
        finalizers);
  }

  public ObjectMeta withCreationTimestamp(Instant value) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        uid,
        resourceVersion,
        generation,
        value,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        ownerReferences,
        finalizers);
  }

  public ObjectMeta withDeletion(Instant at, Long gracePeriodSeconds) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        at,
        gracePeriodSeconds,
        ownerReferences,
        finalizers);
  }

  public ObjectMeta withOwnerReferences(List<OwnerReference> value) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        value,
        finalizers);
  }

  /** The namespace, or {@value #DEFAULT_NAMESPACE} when none is set (for namespaced kinds). */
  public String namespaceOrDefault() {
    return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
  }

  public Map<String, String> labelsOrEmpty() {
    return labels == null ? Map.of() : labels;
  }

  public Map<String, String> annotationsOrEmpty() {
    return annotations == null ? Map.of() : annotations;
  }

  public List<String> finalizersOrEmpty() {
    return finalizers == null ? List.of() : finalizers;
  }

  /** With {@code value} as the finalizers; an empty list is none (null), as the API writes it. */
  public ObjectMeta withFinalizers(List<String> value) {
    return new ObjectMeta(
        name,
        generateName,
        namespace,
        labels,
        annotations,
        uid,
        resourceVersion,
        generation,
        creationTimestamp,
        deletionTimestamp,
        deletionGracePeriodSeconds,
        ownerReferences,
        value == null || value.isEmpty() ? null : List.copyOf(value));
  }
}
