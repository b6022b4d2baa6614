package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** External addresses of a LoadBalancer service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadBalancerStatus(List<LoadBalancerIngress> ingress) {}
