package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a replica set's controller last observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplicaSetStatus(
    Integer replicas,
    Integer readyReplicas,
    Integer availableReplicas,
    Integer fullyLabeledReplicas,
    Long observedGeneration) {}
