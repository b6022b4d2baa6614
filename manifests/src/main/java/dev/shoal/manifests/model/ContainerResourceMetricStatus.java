package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The current value of a container resource metric. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerResourceMetricStatus(
    String name, MetricValueStatus current, String container) {}
