package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An external address of a service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadBalancerIngress(String ip, String hostname) {}
