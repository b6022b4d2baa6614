package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A condition of a pod: PodScheduled, Initialized, ContainersReady, Ready. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodCondition(
    String type,
    String status,
    String reason,
    String message,
    Instant lastProbeTime,
    Instant lastTransitionTime) {}
