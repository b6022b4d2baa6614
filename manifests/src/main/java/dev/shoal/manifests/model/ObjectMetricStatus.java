package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The current value of an object metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMetricStatus(
    MetricIdentifier metric,
    MetricValueStatus current,
    CrossVersionObjectReference describedObject) {}
