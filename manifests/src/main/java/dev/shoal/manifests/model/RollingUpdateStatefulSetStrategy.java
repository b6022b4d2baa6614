package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Ordinals below {@code partition} keep the old revision; at most {@code maxUnavailable} are down.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollingUpdateStatefulSetStrategy(Integer partition, IntOrString maxUnavailable) {}
