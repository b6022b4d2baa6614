package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A port the endpoints of a subset serve, named after the service port. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointPort(String name, Integer port, String protocol) {}
