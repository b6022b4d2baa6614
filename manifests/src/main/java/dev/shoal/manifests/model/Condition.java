package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The standard condition of newer kinds (meta/v1 {@code Condition}): {@code message} is always
 * written, as upstream does, empty when there is nothing to say.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    String type,
    String status,
    Long observedGeneration,
    Instant lastTransitionTime,
    String reason,
    @JsonInclude(JsonInclude.Include.ALWAYS) String message) {}
