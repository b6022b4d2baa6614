package dev.shoal.overlay.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reads the plan: which map elements and chains a service gets, and what their rules say. */
class DataplanePlannerTest {

  static final String POD_CIDR = "198.18.0.0/16";
  static final Target A = new Target("198.18.1.5", 8080, true);
  static final Target B = new Target("198.18.2.7", 8081, false);

  static DataplaneSpec spec(ServicePortRule... services) {
    return new DataplaneSpec(POD_CIDR, "198.18.1.0/24", List.of("192.0.2.1"), List.of(services));
  }

  static ServicePortRule web() {
    return ServicePortRule.clusterIp(
        "default/web/http", Protocol.TCP, "198.19.0.10", 80, List.of(B, A));
  }

  @Test
  void aClusterIpIsOneMapElementThatGoesToRoundRobinOverItsEndpoints() {
    NftTable t = DataplanePlanner.plan(spec(web()));
    assertEquals(
        "goto svc-default/web/http/tcp",
        t.sets().get("service-ips").elements().get("198.19.0.10 . tcp . 80"));
    NftChain svc = t.chains().get("svc-default/web/http/tcp");
    assertEquals(
        List.of(
            "ip saddr != 198.18.0.0/16 jump mark-for-masquerade",
            "meta mark set numgen inc mod 2 goto service-dnat"),
        svc.rules());
    assertEquals(
        java.util.Map.of(
            "198.19.0.10 . tcp . 80 . 0", "198.18.1.5 . 8080",
            "198.19.0.10 . tcp . 80 . 1", "198.18.2.7 . 8081"),
        t.sets().get("service-endpoints").elements(),
        "the endpoints in order, one element each: the n-th new connection goes to endpoint n mod 2");
    assertFalse(
        t.chains().keySet().stream().anyMatch(c -> c.startsWith("ep-")), "no chain per endpoint");
    assertTrue(t.sets().get("cluster-ips").elements().containsKey("198.19.0.10"));
    assertTrue(t.sets().get("no-endpoint-services").elements().isEmpty());
  }

  @Test
  void eachProtocolDnatsWithItsOwnKeyword() {
    for (Protocol p : Protocol.values()) {
      NftTable t =
          DataplanePlanner.plan(
              spec(ServicePortRule.clusterIp("ns/s/p", p, "198.19.0.10", 53, List.of(A))));
      assertEquals(
          "goto svc-ns/s/p/" + p.nft(),
          t.sets().get("service-ips").elements().get("198.19.0.10 . " + p.nft() + " . 53"));
      assertEquals(
          "198.18.1.5 . 8080",
          t.sets()
              .get("service-endpoints")
              .elements()
              .get("198.19.0.10 . " + p.nft() + " . 53 . 0"));
      NftTable sticky =
          DataplanePlanner.plan(
              spec(
                  ServicePortRule.clusterIp("ns/s/p", p, "198.19.0.10", 53, List.of(A))
                      .withAffinity(60)));
      assertTrue(
          sticky
              .chains()
              .get("ep-ns/s/p/" + p.nft() + "__198.18.1.5/8080")
              .rules()
              .contains("meta l4proto " + p.nft() + " dnat ip to 198.18.1.5:8080"));
    }
  }

  @Test
  void aServiceWithoutEndpointsIsRejectedNotRouted() {
    NftTable t =
        DataplanePlanner.plan(spec(web().withTargets(List.of()).withNodePort(30080, false)));
    assertEquals(
        "goto reject-chain",
        t.sets().get("no-endpoint-services").elements().get("198.19.0.10 . tcp . 80"));
    assertEquals(
        "goto reject-chain", t.sets().get("no-endpoint-nodeports").elements().get("tcp . 30080"));
    assertTrue(t.sets().get("service-ips").elements().isEmpty());
    assertFalse(
        t.chains().keySet().stream().anyMatch(c -> c.startsWith("svc-") || c.startsWith("ep-")));
    assertEquals(
        List.of("meta l4proto tcp reject with tcp reset", "reject"),
        t.chains().get("reject-chain").rules());
    assertTrue(
        t.chains()
            .get("endpoints-check")
            .rules()
            .contains("ip daddr @cluster-ips goto reject-chain"),
        "an unknown port of a ClusterIP is refused too");
  }

  @Test
  void aClusterPolicyNodePortMasqueradesALocalOneKeepsTheClient() {
    NftTable cluster = DataplanePlanner.plan(spec(web().withNodePort(30080, false)));
    assertEquals(
        "goto ext-default/web/http/tcp",
        cluster.sets().get("service-nodeports").elements().get("tcp . 30080"));
    assertEquals(
        List.of("jump mark-for-masquerade", "meta mark set numgen inc mod 2 goto nodeport-dnat"),
        cluster.chains().get("ext-default/web/http/tcp").rules());
    assertEquals(
        "198.18.2.7 . 8081",
        cluster.sets().get("nodeport-endpoints").elements().get("tcp . 30080 . 1"));
    assertEquals(
        List.of("192.0.2.1"), List.copyOf(cluster.sets().get("nodeport-ips").elements().keySet()));

    NftTable local = DataplanePlanner.plan(spec(web().withNodePort(30080, true)));
    List<String> ext = local.chains().get("ext-default/web/http/tcp").rules();
    assertEquals(
        "ip saddr 198.18.0.0/16 meta mark set numgen inc mod 2 goto nodeport-dnat",
        ext.get(0),
        "pods go to every endpoint");
    assertEquals(
        "meta mark set numgen inc mod 1 goto nodeport-local-dnat",
        ext.get(ext.size() - 1),
        "outside clients go to this node's endpoint only");
    assertEquals(
        java.util.Map.of("tcp . 30080 . 0", "198.18.1.5 . 8080"),
        local.sets().get("nodeport-local-endpoints").elements());
    assertFalse(
        ext.stream().anyMatch(r -> r.equals("jump mark-for-masquerade")),
        "the client's address is kept");
    assertNull(local.sets().get("no-endpoint-nodeports").elements().get("tcp . 30080"));

    NftTable noLocal =
        DataplanePlanner.plan(spec(web().withTargets(List.of(B)).withNodePort(30080, true)));
    assertEquals(
        "goto reject-chain",
        noLocal.sets().get("no-endpoint-nodeports").elements().get("tcp . 30080"),
        "a Local NodePort refuses outside clients on a node without endpoints");
  }

  @Test
  void clientIpAffinityRemembersTheClientPerEndpoint() {
    NftTable t = DataplanePlanner.plan(spec(web().withAffinity(10800)));
    NftSet set = t.sets().get("affinity-default/web/http/tcp__198.18.1.5/8080");
    assertTrue(set.dynamic());
    assertEquals("type ipv4_addr; flags dynamic,timeout; timeout 10800s;", set.declaration());
    List<String> svc = t.chains().get("svc-default/web/http/tcp").rules();
    assertEquals(
        "ip saddr @affinity-default/web/http/tcp__198.18.1.5/8080 goto ep-default/web/http/tcp__198.18.1.5/8080",
        svc.get(1));
    assertEquals(
        List.of(
            "update @affinity-default/web/http/tcp__198.18.1.5/8080 { ip saddr }",
            "meta l4proto tcp dnat ip to 198.18.1.5:8080"),
        t.chains().get("ep-default/web/http/tcp__198.18.1.5/8080").rules());
    assertTrue(
        t.sets().get("service-endpoints").elements().isEmpty(),
        "affinity services use their chains");
  }

  @Test
  void hairpinIsMasqueradedAndPodTrafficLeavingTheClusterToo() {
    NftTable t = DataplanePlanner.plan(spec(web()));
    assertEquals(
        List.of("198.18.1.5 . 198.18.1.5", "198.18.2.7 . 198.18.2.7"),
        List.copyOf(t.sets().get("endpoint-self").elements().keySet()));
    assertEquals(
        List.of(
            "ct status dnat ip saddr . ip daddr @endpoint-self masquerade",
            "ip saddr 198.18.1.0/24 ip daddr != 198.18.0.0/16 masquerade"),
        t.chains().get("masquerading").rules().subList(0, 2));
  }

  @Test
  void lookupsStayOneMapProbeHoweverManyServices() {
    List<ServicePortRule> many = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      many.add(
          ServicePortRule.clusterIp(
              "ns/s" + i + "/p",
              Protocol.TCP,
              "198.19." + (i / 250) + "." + (i % 250 + 1),
              80,
              List.of(A)));
    }
    NftTable t = DataplanePlanner.plan(new DataplaneSpec(POD_CIDR, null, List.of(), many));
    assertEquals(2000, t.sets().get("service-ips").elements().size());
    assertEquals(
        DataplanePlanner.plan(spec()).chains().get("services").rules(),
        t.chains().get("services").rules(),
        "the services chain does not grow with services");
  }

  @Test
  void equalInputsGiveEqualPlansWhateverTheOrder() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      List<Target> targets = new java.util.ArrayList<>();
      for (int i = 0; i < 1 + random.nextInt(8); i++) {
        targets.add(
            new Target(
                "198.18." + random.nextInt(3) + "." + (2 + random.nextInt(200)),
                8080,
                random.nextBoolean()));
      }
      List<Target> shuffled = new java.util.ArrayList<>(targets);
      java.util.Collections.shuffle(shuffled, random);
      ServicePortRule s = web().withTargets(targets);
      assertEquals(
          DataplanePlanner.plan(spec(s)), DataplanePlanner.plan(spec(s.withTargets(shuffled))));
      assertEquals(
          java.util.Optional.of(""),
          NftScript.delta(
              DataplanePlanner.plan(spec(s)),
              DataplanePlanner.plan(spec(s.withTargets(shuffled)))));
    }
  }
}
