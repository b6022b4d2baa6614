package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A custom metric of one other object, such as a Service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectMetricSource(
    CrossVersionObjectReference describedObject, MetricTarget target, MetricIdentifier metric) {}
