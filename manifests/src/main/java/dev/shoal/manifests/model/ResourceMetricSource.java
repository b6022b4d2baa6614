package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A resource (cpu, memory) of the pods, averaged over the target's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceMetricSource(String name, MetricTarget target) {}
