package dev.shoal.overlay.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the scripts say: a full table, and a delta that only touches what changed. */
class NftScriptTest {

  static final Target A = DataplanePlannerTest.A;
  static final Target B = DataplanePlannerTest.B;
  static final Target C = new Target("198.18.3.9", 8080, false);

  @Test
  void fullReplacesTheTableInOneScript() {
    String full =
        NftScript.full(
            DataplanePlanner.plan(DataplanePlannerTest.spec(DataplanePlannerTest.web())));
    assertTrue(
        full.startsWith("add table inet shoal\ndelete table inet shoal\ntable inet shoal {\n"),
        full);
    assertTrue(
        full.contains(
            "add element inet shoal service-ips { 198.19.0.10 . tcp . 80 : goto svc-default/web/http/tcp }"),
        full);
  }

  @Test
  void anEndpointChangeTouchesOnlyItsServiceChainAndEndpointChains() {
    NftTable before =
        DataplanePlanner.plan(
            DataplanePlannerTest.spec(
                DataplanePlannerTest.web(),
                ServicePortRule.clusterIp(
                    "default/other/p", Protocol.UDP, "198.19.0.11", 53, List.of(C))));
    NftTable after =
        DataplanePlanner.plan(
            DataplanePlannerTest.spec(
                DataplanePlannerTest.web().withTargets(List.of(A, C)),
                ServicePortRule.clusterIp(
                    "default/other/p", Protocol.UDP, "198.19.0.11", 53, List.of(C))));
    String delta = NftScript.delta(before, after).orElseThrow();
    assertEquals(
        List.of(
            "delete element inet shoal service-endpoints { 198.19.0.10 . tcp . 80 . 1 }",
            "add element inet shoal service-endpoints { 198.19.0.10 . tcp . 80 . 1 : 198.18.3.9 . 8080 }",
            "delete element inet shoal endpoint-self { 198.18.2.7 . 198.18.2.7 }"),
        List.of(delta.strip().split("\n")),
        "an endpoint replaced by another: two elements, no chain");
    NftTable grown =
        DataplanePlanner.plan(
            DataplanePlannerTest.spec(
                DataplanePlannerTest.web().withTargets(List.of(A, B, C)),
                ServicePortRule.clusterIp(
                    "default/other/p", Protocol.UDP, "198.19.0.11", 53, List.of(C))));
    assertEquals(
        List.of(
            "flush chain inet shoal svc-default/web/http/tcp",
            "add rule inet shoal svc-default/web/http/tcp ip saddr != 198.18.0.0/16 jump mark-for-masquerade",
            "add rule inet shoal svc-default/web/http/tcp meta mark set numgen inc mod 3 goto service-dnat",
            "add element inet shoal service-endpoints { 198.19.0.10 . tcp . 80 . 2 : 198.18.3.9 . 8080 }"),
        List.of(NftScript.delta(before, grown).orElseThrow().strip().split("\n")),
        "one more endpoint: the service chain's modulus and one element");
    assertFalse(delta.contains("other"), "the other service is not touched");
  }

  @Test
  void aServiceLosingItsEndpointsMovesFromTheServiceMapToTheRejectMap() {
    NftTable before = DataplanePlanner.plan(DataplanePlannerTest.spec(DataplanePlannerTest.web()));
    NftTable after =
        DataplanePlanner.plan(
            DataplanePlannerTest.spec(DataplanePlannerTest.web().withTargets(List.of())));
    String delta = NftScript.delta(before, after).orElseThrow();
    assertTrue(
        delta.contains("delete element inet shoal service-ips { 198.19.0.10 . tcp . 80 }"), delta);
    assertTrue(
        delta.contains(
            "add element inet shoal no-endpoint-services { 198.19.0.10 . tcp . 80 : goto reject-chain }"),
        delta);
    assertTrue(
        delta.indexOf("delete element inet shoal service-ips")
            < delta.indexOf("delete chain inet shoal svc-"),
        "the map element goes before the chain it points at");
  }

  @Test
  void aChangedAffinityTimeoutRewritesTheTable() {
    NftTable before =
        DataplanePlanner.plan(
            DataplanePlannerTest.spec(DataplanePlannerTest.web().withAffinity(10)));
    NftTable after =
        DataplanePlanner.plan(
            DataplanePlannerTest.spec(DataplanePlannerTest.web().withAffinity(20)));
    assertTrue(NftScript.delta(before, after).isEmpty());
  }
}
