package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A condition of a deployment: Available, Progressing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentCondition(
    String type,
    String status,
    String reason,
    String message,
    Instant lastUpdateTime,
    Instant lastTransitionTime) {}
