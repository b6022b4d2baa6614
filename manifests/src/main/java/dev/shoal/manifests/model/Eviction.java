package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of a POST to {@code pods/{name}/eviction} (policy/v1, or policy/v1beta1 which has the
 * same fields): the pod it names, and the delete options to delete it with. Never stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Eviction(
    String apiVersion, String kind, ObjectMeta metadata, DeleteOptions deleteOptions) {
  public static final String KIND = "Eviction";
}
