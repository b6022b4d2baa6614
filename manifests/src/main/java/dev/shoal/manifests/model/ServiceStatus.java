package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Service status: the external load balancer, if any. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceStatus(LoadBalancerStatus loadBalancer) {}
