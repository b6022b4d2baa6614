package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The state of a container: exactly one of waiting, running, terminated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerState(
    ContainerStateWaiting waiting,
    ContainerStateRunning running,
    ContainerStateTerminated terminated) {}
