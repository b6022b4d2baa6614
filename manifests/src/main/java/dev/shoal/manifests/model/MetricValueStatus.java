package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The current value of a metric, in the form of its target. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricValueStatus(String value, String averageValue, Integer averageUtilization) {}
