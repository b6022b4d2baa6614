package dev.shoal.manifests.model;

/**
 * An API object: what every kind shares ({@code apiVersion}, {@code kind}, {@code metadata}).
 * Implementations are immutable records; change one by building a copy with {@code with...}.
 */
public interface Resource {
  String apiVersion();

  String kind();

  ObjectMeta metadata();

  /** A copy of this object with other metadata. */
  Resource withMetadata(ObjectMeta metadata);
}
