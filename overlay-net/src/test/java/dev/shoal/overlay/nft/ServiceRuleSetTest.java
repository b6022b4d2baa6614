package dev.shoal.overlay.nft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServiceRuleSetTest {

  private static final DataplaneSpec BASE =
      new DataplaneSpec("198.18.0.0/16", "198.18.1.0/24", List.of("198.18.2.1"), List.of());

  /** A few pods shared between services, so endpoint-self elements have several users. */
  private static final List<Target> PODS =
      List.of(
          new Target("198.18.1.5", 8080, true),
          new Target("198.18.1.6", 8080, true),
          new Target("198.18.2.7", 8080, false),
          new Target("198.18.2.8", 9090, false),
          new Target("198.18.3.9", 8080, false));

  @Test
  void aPartialDeltaIsExactlyTheDeltaOfTheWholeTable() {
    Random random = new Random(7);
    ServiceRuleSet set = new ServiceRuleSet();
    Map<String, List<ServicePortRule>> whole = new HashMap<>();
    for (int step = 0; step < 400; step++) {
      Map<String, List<ServicePortRule>> next = new HashMap<>();
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        int n = random.nextInt(8);
        next.put("ns/s" + n, random.nextInt(5) == 0 ? List.of() : ports(random, n));
      }
      NftTable before = DataplanePlanner.plan(BASE.withServices(flatten(whole)));
      whole.putAll(next);
      whole.values().removeIf(List::isEmpty);
      NftTable after = DataplanePlanner.plan(BASE.withServices(flatten(whole)));

      ServiceRuleSet.Change change = set.change(BASE, next).orElseThrow();
      assertEquals(
          NftScript.delta(before, after).orElseThrow(),
          change.script(),
          "step " + step + ": " + next);
      set.commit(change);
      assertEquals(after, DataplanePlanner.plan(BASE.withServices(set.all())), "step " + step);
    }
  }

  @Test
  void aPodBehindTwoServicesKeepsItsHairpinElementUntilTheLastGoes() {
    Target pod = PODS.get(0);
    ServiceRuleSet set = new ServiceRuleSet();
    set.replaceAll(
        Map.of(
            "ns/a", List.of(port("ns/a", 0, List.of(pod))),
            "ns/b", List.of(port("ns/b", 1, List.of(pod)))));
    String first = set.change(BASE, Map.of("ns/a", List.of())).orElseThrow().script();
    assertFalse(first.contains("endpoint-self"), first);
    set.commit(set.change(BASE, Map.of("ns/a", List.of())).orElseThrow());
    String last = set.change(BASE, Map.of("ns/b", List.of())).orElseThrow().script();
    assertTrue(
        last.contains("delete element inet shoal endpoint-self { 198.18.1.5 . 198.18.1.5 }"), last);
  }

  private static List<ServicePortRule> ports(Random random, int service) {
    List<ServicePortRule> out = new ArrayList<>();
    int count = 1 + random.nextInt(2);
    for (int p = 0; p < count; p++) {
      List<Target> targets = new ArrayList<>(PODS);
      java.util.Collections.shuffle(targets, random);
      ServicePortRule rule =
          ServicePortRule.clusterIp(
              "ns/s" + service + "/p" + p,
              p == 0 ? Protocol.TCP : Protocol.UDP,
              "198.19.0." + (10 + service),
              80 + p,
              targets.subList(0, random.nextInt(targets.size() + 1)));
      if (random.nextInt(3) == 0) {
        rule = rule.withNodePort(30000 + service * 10 + p, random.nextBoolean());
      }
      out.add(rule);
    }
    return out;
  }

  private static ServicePortRule port(String service, int n, List<Target> targets) {
    return ServicePortRule.clusterIp(
        service + "/http", Protocol.TCP, "198.19.0." + (10 + n), 80, targets);
  }

  private static List<ServicePortRule> flatten(Map<String, List<ServicePortRule>> byService) {
    List<ServicePortRule> out = new ArrayList<>();
    new java.util.TreeMap<>(byService).values().forEach(out::addAll);
    return out;
  }
}
