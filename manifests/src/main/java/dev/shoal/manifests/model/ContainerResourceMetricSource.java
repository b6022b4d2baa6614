package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A resource of one container of each pod, averaged over the target's pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerResourceMetricSource(String name, MetricTarget target, String container) {}
