package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a stateful set replaces pods of an old revision: RollingUpdate (default, from the highest
 * ordinal down to {@code partition}) or OnDelete (only when a pod is deleted).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatefulSetUpdateStrategy(
    String type, RollingUpdateStatefulSetStrategy rollingUpdate) {
  public static final String ROLLING_UPDATE = "RollingUpdate";
  public static final String ON_DELETE = "OnDelete";

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isOnDelete() {
    return ON_DELETE.equals(type);
  }

  public int partitionOrZero() {
    return rollingUpdate == null || rollingUpdate.partition() == null
        ? 0
        : rollingUpdate.partition();
  }
}
