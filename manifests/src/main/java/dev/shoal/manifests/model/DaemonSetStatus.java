package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a daemon set's controller last observed, with Kubernetes' field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DaemonSetStatus(
    Integer currentNumberScheduled,
    Integer numberMisscheduled,
    Integer desiredNumberScheduled,
    Integer numberReady,
    Long observedGeneration,
    Integer updatedNumberScheduled,
    Integer numberAvailable,
    Integer numberUnavailable) {}
