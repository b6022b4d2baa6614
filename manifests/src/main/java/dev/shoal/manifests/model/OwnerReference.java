package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Points from a dependent object to the object that owns it (for garbage collection and adoption).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnerReference(
    String apiVersion,
    String kind,
    String name,
    String uid,
    Boolean controller,
    Boolean blockOwnerDeletion) {

  @JsonIgnore
  public boolean isController() {
    return Boolean.TRUE.equals(controller);
  }
}
