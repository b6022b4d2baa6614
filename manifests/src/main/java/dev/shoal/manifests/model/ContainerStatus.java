package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the node reports about one container of a pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStatus(
    String name,
    Boolean ready,
    Integer restartCount,
    String image,
    String imageID,
    String containerID,
    Boolean started,
    ContainerState state,
    ContainerState lastState) {}
