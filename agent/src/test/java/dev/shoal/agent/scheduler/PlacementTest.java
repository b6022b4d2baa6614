package dev.shoal.agent.scheduler;

import static dev.shoal.agent.control.TestObjects.container;
import static dev.shoal.agent.control.TestObjects.node;
import static dev.shoal.agent.control.TestObjects.pod;
import static dev.shoal.agent.control.TestObjects.withPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.Pod;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {

  private final Placement placement = Placement.standard();
  private final SchedulingCache cache = new SchedulingCache();

  @Test
  void explainsInsufficientMemoryOnEveryNode() {
    for (String n : new String[] {"a", "b", "c"}) {
      cache.upsertNode(node(n, "4", "1Gi", Instant.now()));
    }
    Decision d =
        placement.place(
            PodRequest.of(pod("ns", "big", Map.of(), container("100m", "2Gi"))), cache.nodes());
    assertEquals(new Decision.Unschedulable("0/3 nodes are available: 3 Insufficient memory."), d);
  }

  @Test
  void countsDifferentReasonsSortedAsKubernetes() {
    cache.upsertNode(node("a", "1", "8Gi", Instant.now()));
    Node cordoned = node("b", "8", "8Gi", Instant.now());
    cache.upsertNode(cordoned.withSpec(new NodeSpec(null, null, true, null)));
    cache.upsertNode(node("c", "500m", "1Gi", Instant.now()));
    Decision d =
        placement.place(
            PodRequest.of(pod("ns", "p", Map.of(), container("2", "2Gi"))), cache.nodes());
    // a: cpu only; b: cordoned; c: cpu and memory. Kubernetes sorts the "count reason" strings.
    assertEquals(
        new Decision.Unschedulable(
            "0/3 nodes are available: 1 Insufficient memory, 1 node(s) were unschedulable, 2 Insufficient cpu."),
        d);
  }

  @Test
  void nodeSelectorAndHostPortsFilter() {
    cache.upsertNode(node("a"));
    cache.upsertNode(node("b"));
    Pod selective = pod("ns", "p", Map.of(), container(null, null));
    selective =
        selective.withSpec(
            selective.spec().withNodeSelector(Map.of("kubernetes.io/hostname", "b")));
    Decision d = placement.place(PodRequest.of(selective), cache.nodes());
    assertEquals("b", ((Decision.Bind) d).node().name());

    Pod web = pod("ns", "web", Map.of(), withPort(container(null, null), "http", 80, 8080));
    cache.assume(PodRequest.of(web), "a");
    Pod web2 = pod("ns", "web2", Map.of(), withPort(container(null, null), "http", 80, 8080));
    cache.assume(PodRequest.of(web2), "b");
    Pod web3 = pod("ns", "web3", Map.of(), withPort(container(null, null), "http", 80, 8080));
    assertEquals(
        new Decision.Unschedulable(
            "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports."),
        placement.place(PodRequest.of(web3), cache.nodes()));
  }

  @Test
  void leastRequestedThenSpreadAsItAssumes() {
    cache.upsertNode(node("a"));
    cache.upsertNode(node("b"));
    cache.upsertNode(node("c"));
    int[] counts = new int[3];
    for (int i = 0; i < 9; i++) {
      PodRequest r = PodRequest.of(pod("ns", "p" + i, Map.of(), container("100m", "100Mi")));
      Decision d = placement.place(r, cache.nodes());
      String node = assertInstanceOf(Decision.Bind.class, d).node().name();
      cache.assume(r, node);
      counts[node.charAt(0) - 'a']++;
    }
    assertEquals(3, counts[0]);
    assertEquals(3, counts[1]);
    assertEquals(3, counts[2]);
  }

  @Test
  void aResyncForgetsPodsTheListingNoLongerHasButNotNewerOrAssumedOnes() {
    cache.upsertNode(node("a", "1", "8Gi", Instant.now()));
    Pod old = pod("ns", "old", Map.of(), container("500m", null));
    old =
        old.withMetadata(old.metadata().withResourceVersion("5"))
            .withSpec(old.spec().withNodeName("a"));
    Pod fresh = pod("ns", "fresh", Map.of(), container("200m", null));
    fresh =
        fresh
            .withMetadata(fresh.metadata().withResourceVersion("12"))
            .withSpec(fresh.spec().withNodeName("a"));
    cache.observe(old);
    cache.observe(fresh);
    cache.assume(PodRequest.of(pod("ns", "assumed", Map.of(), container("100m", null))), "a");
    assertEquals(800, cache.node("a").requestedMilliCpu());
    cache.forgetMissing(java.util.Set.of(), 10);
    assertEquals(300, cache.node("a").requestedMilliCpu());
  }

  @Test
  void noNodes() {
    assertEquals(
        new Decision.Unschedulable("0/0 nodes are available: no nodes registered."),
        placement.place(
            PodRequest.of(pod("ns", "p", Map.of(), container(null, null))), cache.nodes()));
  }
}
