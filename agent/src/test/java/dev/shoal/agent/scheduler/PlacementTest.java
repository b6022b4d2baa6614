package dev.shoal.agent.scheduler;

import static dev.shoal.agent.control.TestObjects.container;
import static dev.shoal.agent.control.TestObjects.node;
import static dev.shoal.agent.control.TestObjects.pod;
import static dev.shoal.agent.control.TestObjects.withPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shoal.manifests.model.Affinity;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeAffinity;
import dev.shoal.manifests.model.NodeSelector;
import dev.shoal.manifests.model.NodeSelectorRequirement;
import dev.shoal.manifests.model.NodeSelectorTerm;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.Taint;
import dev.shoal.manifests.model.Toleration;
import java.time.Instant;
import java.util.List;
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

  private static Node tainted(String name, Taint... taints) {
    return node(name).withSpec(new NodeSpec(null, null, null, List.of(taints)));
  }

  private static Pod tolerating(String name, Toleration... tolerations) {
    Pod p = pod("ns", name, Map.of(), container(null, null));
    return p.withSpec(p.spec().withTolerations(List.of(tolerations)));
  }

  @Test
  void noScheduleAndNoExecuteTaintsKeepOffPodsThatDoNotTolerateThem() {
    cache.upsertNode(tainted("a", new Taint("dedicated", "infra", "NoSchedule", null)));
    cache.upsertNode(tainted("b", new Taint("gpu", null, "NoExecute", null)));
    assertEquals(
        new Decision.Unschedulable(
            "0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: infra},"
                + " 1 node(s) had untolerated taint {gpu: }."),
        placement.place(PodRequest.of(tolerating("plain")), cache.nodes()));
    Pod infra = tolerating("infra", new Toleration("dedicated", "Equal", "infra", null, null));
    assertEquals(
        "a", ((Decision.Bind) placement.place(PodRequest.of(infra), cache.nodes())).node().name());
    Pod wrongValue = tolerating("other", new Toleration("dedicated", "Equal", "db", null, null));
    assertInstanceOf(
        Decision.Unschedulable.class, placement.place(PodRequest.of(wrongValue), cache.nodes()));
    Pod gpu = tolerating("gpu", new Toleration("gpu", "Exists", null, "NoExecute", 60L));
    assertEquals(
        "b", ((Decision.Bind) placement.place(PodRequest.of(gpu), cache.nodes())).node().name());
    Pod everything = tolerating("all", new Toleration(null, "Exists", null, null, null));
    assertInstanceOf(
        Decision.Bind.class, placement.place(PodRequest.of(everything), cache.nodes()));
  }

  @Test
  void aCordonedNodeTakesOnlyPodsToleratingUnschedulable() {
    cache.upsertNode(node("a").withSpec(new NodeSpec(null, null, true, null)));
    assertInstanceOf(
        Decision.Unschedulable.class,
        placement.place(PodRequest.of(tolerating("plain")), cache.nodes()));
    Pod tolerant =
        tolerating(
            "t",
            new Toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule", null));
    assertInstanceOf(Decision.Bind.class, placement.place(PodRequest.of(tolerant), cache.nodes()));
  }

  @Test
  void preferNoScheduleIsAvoidedButNotRefused() {
    cache.upsertNode(tainted("a", new Taint("spot", "true", "PreferNoSchedule", null)));
    cache.upsertNode(node("b", "1", "1Gi", Instant.now()));
    // b is much smaller (least-requested would pick a), but a carries the taint.
    assertEquals(
        "b",
        ((Decision.Bind) placement.place(PodRequest.of(tolerating("p")), cache.nodes()))
            .node()
            .name());
    Pod spot = tolerating("spot", new Toleration("spot", "Exists", null, "PreferNoSchedule", null));
    assertEquals(
        "a", ((Decision.Bind) placement.place(PodRequest.of(spot), cache.nodes())).node().name());
    SchedulingCache onlyTainted = new SchedulingCache();
    onlyTainted.upsertNode(tainted("a", new Taint("spot", "true", "PreferNoSchedule", null)));
    assertEquals(
        "a",
        ((Decision.Bind) placement.place(PodRequest.of(tolerating("p")), onlyTainted.nodes()))
            .node()
            .name());
  }

  @Test
  void requiredNodeAffinityFilters() {
    cache.upsertNode(node("a"));
    cache.upsertNode(
        node("b").withMetadata(node("b").metadata().withLabels(Map.of("disk", "ssd"))));
    Pod p = pod("ns", "p", Map.of(), container(null, null));
    NodeSelector ssd =
        new NodeSelector(
            List.of(
                new NodeSelectorTerm(
                    List.of(new NodeSelectorRequirement("disk", "In", List.of("ssd"))), null)));
    p = p.withSpec(withAffinity(p.spec(), ssd));
    assertEquals(
        "b", ((Decision.Bind) placement.place(PodRequest.of(p), cache.nodes())).node().name());
    NodeSelector nvme =
        new NodeSelector(
            List.of(
                new NodeSelectorTerm(
                    List.of(new NodeSelectorRequirement("disk", "In", List.of("nvme"))), null)));
    Pod q = p.withSpec(withAffinity(p.spec(), nvme));
    assertEquals(
        new Decision.Unschedulable(
            "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector."),
        placement.place(PodRequest.of(q), cache.nodes()));
  }

  private static PodSpec withAffinity(PodSpec s, NodeSelector required) {
    return new PodSpec(
        s.initContainers(),
        s.containers(),
        s.restartPolicy(),
        s.terminationGracePeriodSeconds(),
        s.dnsPolicy(),
        s.nodeSelector(),
        s.nodeName(),
        s.hostNetwork(),
        s.hostname(),
        s.subdomain(),
        s.dnsConfig(),
        s.volumes(),
        s.tolerations(),
        new Affinity(new NodeAffinity(required)));
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
