package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A port a container listens on; {@code hostPort} also publishes it on the node. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerPort(
    String name, Integer containerPort, Integer hostPort, String protocol) {}
