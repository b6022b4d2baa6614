package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One allowed peer: pods (in namespaces) by selector, or an IP block. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicyPeer(
    LabelSelector podSelector, LabelSelector namespaceSelector, IPBlock ipBlock) {}
