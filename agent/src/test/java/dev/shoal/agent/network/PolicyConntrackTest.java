package dev.shoal.agent.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.NetworkPolicy;
import dev.shoal.manifests.model.NetworkPolicySpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.overlay.nft.Protocol;
import dev.shoal.overlay.policy.PolicyInputs;
import dev.shoal.overlay.policy.PolicyPod;
import dev.shoal.overlay.policy.PolicyTablePart;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyConntrackTest {

  private static final String LISTING =
      """
      tcp      6 431999 ESTABLISHED src=198.18.1.5 dst=198.19.0.10 sport=41000 dport=80 src=198.18.2.7 dst=198.18.1.5 sport=8080 dport=41000 [ASSURED] mark=0 use=1
      udp      17 29 src=198.18.3.3 dst=198.18.2.7 sport=5000 dport=53 src=198.18.2.7 dst=198.18.3.3 sport=53 dport=5000 mark=0 use=1
      tcp      6 117 TIME_WAIT src=198.18.1.5 dst=198.18.2.7 sport=41001 dport=80 src=198.18.2.7 dst=198.18.1.5 sport=80 dport=41001 [ASSURED] mark=0 use=1
      icmp     1 29 src=198.18.1.5 dst=198.18.2.7 type=8 code=0 id=7 src=198.18.2.7 dst=198.18.1.5 type=0 code=0 id=7 mark=0 use=1
      """;

  @Test
  void parsesTheLiveFlowsWithTheBackendAfterDnat() {
    List<PolicyConntrack.Flow> flows = PolicyConntrack.parse(LISTING);
    assertEquals(2, flows.size());
    assertEquals(
        new PolicyConntrack.Flow(
            Protocol.TCP, "198.18.1.5", "198.19.0.10", 41000, 80, "198.18.2.7", 8080),
        flows.get(0));
    assertEquals("198.18.2.7", flows.get(1).backend());
  }

  @Test
  void flowsToANewlyIsolatedLocalPodAreDenied() {
    PolicyPod server =
        new PolicyPod("x", "s", Map.of("app", "s"), "198.18.2.7", "h2", false, List.of());
    PolicyPod client =
        new PolicyPod("x", "c", Map.of("app", "c"), "198.18.1.5", "h1", false, List.of());
    NetworkPolicy deny =
        new NetworkPolicy(
            ObjectMeta.named("x", "deny"),
            new NetworkPolicySpec(new LabelSelector(null, null), null, List.of(), null));
    PolicyTablePart.Compiled plan =
        PolicyTablePart.plan(
            new PolicyInputs(Map.of("x", Map.of()), List.of(server, client), List.of(deny)), "h2");
    assertEquals(
        2, PolicyConntrack.denied(PolicyConntrack.parse(LISTING), plan).size(), "both flows");
    PolicyTablePart.Compiled none =
        PolicyTablePart.plan(
            new PolicyInputs(Map.of("x", Map.of()), List.of(server, client), List.of()), "h2");
    assertEquals(0, PolicyConntrack.denied(PolicyConntrack.parse(LISTING), none).size());
  }
}
