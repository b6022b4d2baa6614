package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The last read value of one of an autoscaler's metrics, shaped as its {@link MetricSpec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricStatus(
    String type,
    ObjectMetricStatus object,
    PodsMetricStatus pods,
    ResourceMetricStatus resource,
    ContainerResourceMetricStatus containerResource,
    ExternalMetricStatus external) {

  public static MetricStatus resource(String name, MetricValueStatus current) {
    return new MetricStatus(
        MetricSpec.RESOURCE, null, null, new ResourceMetricStatus(name, current), null, null);
  }

  public static MetricStatus containerResource(
      String name, String container, MetricValueStatus current) {
    return new MetricStatus(
        MetricSpec.CONTAINER_RESOURCE,
        null,
        null,
        null,
        new ContainerResourceMetricStatus(name, current, container),
        null);
  }
}
