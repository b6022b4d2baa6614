package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A port a service exposes and where it forwards to ({@code targetPort}, by number or container
 * port name).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServicePort(
    String name, String protocol, Integer port, IntOrString targetPort, Integer nodePort) {}
