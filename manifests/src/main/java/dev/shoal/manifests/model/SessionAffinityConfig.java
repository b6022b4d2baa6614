package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code spec.sessionAffinityConfig} of a Service: how long a ClientIP affinity lasts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionAffinityConfig(ClientIPConfig clientIP) {

  /** Kubernetes' default: 3 hours. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 10800;

  /** Kubernetes' upper bound: one day. */
  public static final int MAX_TIMEOUT_SECONDS = 86400;

  /** {@code clientIP.timeoutSeconds}: 1 to 86400. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ClientIPConfig(Integer timeoutSeconds) {}
}
