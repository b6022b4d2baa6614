package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The target of a metric (autoscaling/v2): {@code type} Utilization, Value or AverageValue, with
 * the matching field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricTarget(
    String type, String value, String averageValue, Integer averageUtilization) {
  public static final String UTILIZATION = "Utilization";
  public static final String VALUE = "Value";
  public static final String AVERAGE_VALUE = "AverageValue";
}
