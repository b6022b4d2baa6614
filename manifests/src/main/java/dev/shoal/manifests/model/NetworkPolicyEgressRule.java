package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Traffic allowed out: to any of the peers, on any of the ports (absent lists mean all). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkPolicyEgressRule(List<NetworkPolicyPeer> to, List<NetworkPolicyPort> ports) {}
