package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How many pods of which template a replica set keeps, and which pods it counts as its own. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaSetSpec(
    Integer replicas, Integer minReadySeconds, LabelSelector selector, PodTemplateSpec template) {

  public ReplicaSetSpec withReplicas(Integer value) {
    return new ReplicaSetSpec(value, minReadySeconds, selector, template);
  }

  public ReplicaSetSpec withTemplate(PodTemplateSpec value) {
    return new ReplicaSetSpec(replicas, minReadySeconds, selector, value);
  }

  /** Kubernetes' default: an absent count means 1. */
  public int replicasOrDefault() {
    return replicas == null ? 1 : replicas;
  }
}
