package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Node spec: its pod CIDR, whether new pods may land on it, taints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeSpec(
    String podCIDR, List<String> podCIDRs, Boolean unschedulable, List<Taint> taints) {}
