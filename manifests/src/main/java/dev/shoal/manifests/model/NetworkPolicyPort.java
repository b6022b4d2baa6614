package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An allowed port or range ({@code port} to {@code endPort}) and protocol. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicyPort(String protocol, IntOrString port, Integer endPort) {}
