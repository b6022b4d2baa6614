package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Which pods a policy selects and which traffic it allows; policyTypes Ingress and/or Egress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicySpec(
    LabelSelector podSelector,
    List<String> policyTypes,
    List<NetworkPolicyIngressRule> ingress,
    List<NetworkPolicyEgressRule> egress) {}
