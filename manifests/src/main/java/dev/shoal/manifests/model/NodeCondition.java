package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A condition of a node, e.g. Ready with its last heartbeat. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeCondition(
    String type,
    String status,
    String reason,
    String message,
    Instant lastHeartbeatTime,
    Instant lastTransitionTime) {}
