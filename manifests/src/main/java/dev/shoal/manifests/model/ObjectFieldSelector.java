package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A field of the pod itself for the downward API, e.g. {@code metadata.name} or {@code
 * metadata.labels['app']}; {@code apiVersion} is the version the path is read in ({@code v1}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectFieldSelector(String apiVersion, String fieldPath) {

  public ObjectFieldSelector(String fieldPath) {
    this(null, fieldPath);
  }
}
