package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a stateful set's controller last observed, with Kubernetes' field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatefulSetStatus(
    Long observedGeneration,
    Integer replicas,
    Integer readyReplicas,
    Integer currentReplicas,
    Integer updatedReplicas,
    Integer availableReplicas,
    String currentRevision,
    String updateRevision,
    Integer collisionCount) {}
