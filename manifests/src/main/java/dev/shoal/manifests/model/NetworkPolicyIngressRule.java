package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Traffic allowed in: from any of the peers, to any of the ports (absent lists mean all). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicyIngressRule(
    List<NetworkPolicyPeer> from, List<NetworkPolicyPort> ports) {}
