package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A custom metric averaged over the target's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodsMetricSource(MetricIdentifier metric, MetricTarget target) {}
