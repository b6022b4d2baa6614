package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A running container and since when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStateRunning(Instant startedAt) {}
