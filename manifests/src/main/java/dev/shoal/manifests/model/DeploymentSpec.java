package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The desired pods of a deployment and how to roll from one template to the next. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentSpec(
    Integer replicas,
    LabelSelector selector,
    PodTemplateSpec template,
    DeploymentStrategy strategy,
    Integer minReadySeconds,
    Integer revisionHistoryLimit,
    Boolean paused,
    Integer progressDeadlineSeconds) {

  public DeploymentSpec withReplicas(Integer value) {
    return new DeploymentSpec(
        value,
        selector,
        template,
        strategy,
        minReadySeconds,
        revisionHistoryLimit,
        paused,
        progressDeadlineSeconds);
  }

  public DeploymentSpec withTemplate(PodTemplateSpec value) {
    return new DeploymentSpec(
        replicas,
        selector,
        value,
        strategy,
        minReadySeconds,
        revisionHistoryLimit,
        paused,
        progressDeadlineSeconds);
  }

  public DeploymentSpec withPaused(Boolean value) {
    return new DeploymentSpec(
        replicas,
        selector,
        template,
        strategy,
        minReadySeconds,
        revisionHistoryLimit,
        value,
        progressDeadlineSeconds);
  }

  /** Kubernetes' default: an absent count means 1. */
  public int replicasOrDefault() {
    return replicas == null ? 1 : replicas;
  }
}
