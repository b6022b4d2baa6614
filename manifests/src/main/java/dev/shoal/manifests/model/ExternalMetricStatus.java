package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The current value of an external metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExternalMetricStatus(MetricIdentifier metric, MetricValueStatus current) {}
