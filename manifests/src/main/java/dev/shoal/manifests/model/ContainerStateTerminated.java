package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A container that exited. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStateTerminated(
    Integer exitCode,
    Integer signal,
    String reason,
    String message,
    Instant startedAt,
    Instant finishedAt,
    String containerID) {}
