package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The current value of a pods metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodsMetricStatus(MetricIdentifier metric, MetricValueStatus current) {}
