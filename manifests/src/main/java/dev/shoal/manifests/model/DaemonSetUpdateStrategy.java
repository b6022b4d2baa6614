package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a daemon set replaces pods of an old template: RollingUpdate (default) or OnDelete (only when
 * a pod is deleted).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DaemonSetUpdateStrategy(String type, RollingUpdateDaemonSet rollingUpdate) {
  public static final String ROLLING_UPDATE = "RollingUpdate";
  public static final String ON_DELETE = "OnDelete";
}
