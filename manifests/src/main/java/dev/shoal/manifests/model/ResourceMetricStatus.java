package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The current value of a resource metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceMetricStatus(String name, MetricValueStatus current) {}
