package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What a deployment's controller last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentStatus(
    Integer replicas,
    Integer updatedReplicas,
    Integer readyReplicas,
    Integer availableReplicas,
    Integer unavailableReplicas,
    Long observedGeneration,
    List<DeploymentCondition> conditions) {}
