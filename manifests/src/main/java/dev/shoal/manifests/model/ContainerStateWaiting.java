package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A container not yet running, e.g. reason ContainerCreating or CrashLoopBackOff. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStateWaiting(String reason, String message) {}
