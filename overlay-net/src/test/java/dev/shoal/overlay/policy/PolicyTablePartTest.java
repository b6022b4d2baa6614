package dev.shoal.overlay.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.nft.NftTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTablePartTest {

  @Test
  void onlyThisNodesIsolatedPodsGetElements() {
    Cluster c = new Cluster();
    c.policies.add(
        Cluster.policy(
            "x",
            "a-from-y-80",
            Cluster.labels("pod", "a"),
            null,
            List.of(
                Cluster.from(
                    List.of(Cluster.namespaces(Cluster.in("ns", "y"))), Cluster.port("TCP", 80))),
            null));
    PolicyPod xa = c.pod("x/a");
    NftTable part = PolicyTablePart.plan(c.inputs(), xa.node()).part();
    assertEquals(Map.of(xa.ip(), ""), part.sets().get("np-ingress-pods").elements());
    assertTrue(part.sets().get("np-egress-pods").elements().isEmpty());
    // y's three pods, each on TCP 80
    assertEquals(3, part.sets().get("np-ingress-ports").elements().size());
    assertTrue(
        part.sets()
            .get("np-ingress-ports")
            .elements()
            .containsKey(xa.ip() + " . " + c.pod("y/b").ip() + " . tcp . 80"));
    NftTable other = PolicyTablePart.plan(c.inputs(), "h2").part();
    assertTrue(other.sets().get("np-ingress-pods").elements().isEmpty());
    assertEquals(PolicyTablePart.FORWARD_HOOK, other.chains().get("np-forward").base());
    // established flows are judged too (a change stops them); only replies pass unjudged
    assertEquals(
        List.of(
            "ct state related accept",
            "ct direction reply accept",
            "ip saddr @np-egress-pods jump np-egress",
            "ip daddr @np-ingress-pods jump np-ingress"),
        other.chains().get("np-forward").rules());
  }

  @Test
  void equalInputsEqualParts() {
    Cluster c = new Cluster();
    c.policies.add(Cluster.policy("x", "deny", Cluster.all(), null, List.of(), null));
    assertEquals(
        PolicyTablePart.plan(c.inputs(), "h1").part(),
        PolicyTablePart.plan(c.inputs(), "h1").part());
  }
}
