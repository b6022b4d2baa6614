package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A pod's affinity rules. Shoal models node affinity; pod affinity and anti-affinity are read as
 * unknown fields (a warning with their path).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Affinity(NodeAffinity nodeAffinity) {}
