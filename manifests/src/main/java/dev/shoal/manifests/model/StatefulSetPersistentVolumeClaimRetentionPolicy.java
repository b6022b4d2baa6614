package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether the claims made from a stateful set's templates are kept (Retain, the default) or deleted
 * when the set is deleted and when it is scaled down.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatefulSetPersistentVolumeClaimRetentionPolicy(
    String whenDeleted, String whenScaled) {
  public static final String RETAIN = "Retain";
  public static final String DELETE = "Delete";
}
