package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One metric an autoscaler scales on (autoscaling/v2): {@code type} names which of the sources is
 * set (Resource, ContainerResource, Pods, Object, External).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricSpec(
    String type,
    ObjectMetricSource object,
    PodsMetricSource pods,
    ResourceMetricSource resource,
    ContainerResourceMetricSource containerResource,
    ExternalMetricSource external) {

  public static final String RESOURCE = "Resource";
  public static final String CONTAINER_RESOURCE = "ContainerResource";
  public static final String PODS = "Pods";
  public static final String OBJECT = "Object";
  public static final String EXTERNAL = "External";

  public static MetricSpec resource(String name, MetricTarget target) {
    return new MetricSpec(RESOURCE, null, null, new ResourceMetricSource(name, target), null, null);
  }

  public static MetricSpec containerResource(String name, String container, MetricTarget target) {
    return new MetricSpec(
        CONTAINER_RESOURCE,
        null,
        null,
        null,
        new ContainerResourceMetricSource(name, target, container),
        null);
  }
}
