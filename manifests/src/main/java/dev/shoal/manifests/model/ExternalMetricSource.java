package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A metric from outside the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExternalMetricSource(MetricIdentifier metric, MetricTarget target) {}
