package dev.shoal.agent.controllers.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.DaemonSetSpec;
import dev.shoal.manifests.model.DaemonSetStatus;
import dev.shoal.manifests.model.DaemonSetUpdateStrategy;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.RollingUpdateDaemonSet;
import dev.shoal.manifests.model.Taint;
import dev.shoal.manifests.model.Toleration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The daemon set planner on a fixed clock: which nodes, which pods go, rolling updates, status. */
class DaemonSetPlannerTest {

  private static final Map<String, String> APP = Map.of("app", "agent");
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  private int serial;

  // ---- builders

  static DaemonSet daemonSet(String image, DaemonSetUpdateStrategy strategy, Integer minReady) {
    PodTemplateSpec template = TestObjects.template(APP, image);
    return new DaemonSet(
        ObjectMeta.named("ns", "agent").withUid("ds-uid").withGeneration(3L),
        new DaemonSetSpec(LabelSelector.matching(APP), template, strategy, minReady, null),
        null);
  }

  static DaemonSet daemonSet(String image) {
    return daemonSet(image, null, null);
  }

  static DaemonSetUpdateStrategy rolling(Object maxUnavailable, Object maxSurge) {
    return new DaemonSetUpdateStrategy(
        DaemonSetUpdateStrategy.ROLLING_UPDATE,
        new RollingUpdateDaemonSet(limit(maxUnavailable), limit(maxSurge)));
  }

  private static IntOrString limit(Object value) {
    return value == null
        ? null
        : value instanceof Integer i ? IntOrString.of(i) : IntOrString.of((String) value);
  }

  static Node node(String name, Taint... taints) {
    Node n = TestObjects.node(name, "4", "8Gi", NOW);
    return n.withSpec(new NodeSpec(null, null, null, taints.length == 0 ? null : List.of(taints)));
  }

  static Node labelled(Node n, Map<String, String> labels) {
    Map<String, String> all = new HashMap<>(n.metadata().labelsOrEmpty());
    all.putAll(labels);
    return n.withMetadata(n.metadata().withLabels(all));
  }

  /** A daemon pod of {@code ds}'s current template on {@code node}, ready since {@code ready}. */
  Pod pod(DaemonSet ds, String node, Instant ready) {
    return pod(ds, node, DaemonPods.revision(ds), ready);
  }

  Pod pod(DaemonSet ds, String node, String revision, Instant ready) {
    Pod p = DaemonPods.newPod(ds, node, revision);
    Instant created = NOW.minusSeconds(600).plusSeconds(serial);
    ObjectMeta meta =
        p.metadata()
            .withName("agent-" + serial++)
            .withUid("pod-uid-" + serial)
            .withCreationTimestamp(created);
    PodStatus status = PodStatus.phase("Running");
    if (ready != null) {
      status =
          status.withConditions(
              List.of(new PodCondition("Ready", "True", null, null, null, ready)));
    }
    return new Pod(meta, p.spec(), status);
  }

  private static DaemonSetPlan plan(DaemonSet ds, List<Node> nodes, List<Pod> pods) {
    return DaemonSetPlanner.plan(ds, nodes, pods, NOW, true);
  }

  private static Set<String> nodesOf(List<Pod> pods) {
    return pods.stream()
        .map(p -> p.spec().nodeName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  // ---- which nodes

  @Test
  void everyNodeGetsOnePodBoundToIt() {
    DaemonSet ds = daemonSet("img:1");
    DaemonSetPlan plan = plan(ds, List.of(node("n1"), node("n2"), node("n3")), List.of());
    assertEquals(List.of("n1", "n2", "n3"), plan.createOn());
    assertEquals(List.of(), plan.delete());
    assertEquals(new DaemonSetStatus(0, 0, 3, 0, 3L, 0, 0, 3), plan.status());
    Pod made = DaemonPods.newPod(ds, "n2", DaemonPods.revision(ds));
    assertEquals("n2", made.spec().nodeName());
    assertEquals("agent-", made.metadata().generateName());
    assertEquals(DaemonPods.revision(ds), made.metadata().labels().get(DaemonPods.REVISION_LABEL));
    assertEquals("ds-uid", PodFacts.controllerOf(made).orElseThrow().uid());
  }

  @Test
  void nothingIsCreatedWhileEarlierCreationsAreUnseen() {
    DaemonSetPlan plan =
        DaemonSetPlanner.plan(daemonSet("img:1"), List.of(node("n1")), List.of(), NOW, false);
    assertEquals(List.of(), plan.createOn());
    assertEquals(1, plan.status().desiredNumberScheduled());
  }

  @ParameterizedTest(name = "{0}: runs there {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      untainted                          | -                              | -                     | true
      NoSchedule, not tolerated          | dedicated=infra:NoSchedule     | -                     | false
      NoSchedule, tolerated (Equal)      | dedicated=infra:NoSchedule     | dedicated=infra:      | true
      NoSchedule, other value            | dedicated=infra:NoSchedule     | dedicated=db:         | false
      NoExecute, not tolerated           | gpu=:NoExecute                 | -                     | false
      NoExecute, tolerated (Exists)      | gpu=:NoExecute                 | gpu?:NoExecute        | true
      PreferNoSchedule is no bar         | spot=true:PreferNoSchedule     | -                     | true
      everything tolerated               | dedicated=infra:NoSchedule     | ?:                    | true
      unreachable: automatic toleration  | node.kubernetes.io/unreachable=:NoExecute | -          | true
      not-ready: automatic toleration    | node.kubernetes.io/not-ready=:NoExecute   | -          | true
      cordoned: automatic toleration     | node.kubernetes.io/unschedulable=:NoSchedule | -       | true
      memory pressure: automatic         | node.kubernetes.io/memory-pressure=:NoSchedule | -     | true
      network unavailable: not automatic | node.kubernetes.io/network-unavailable=:NoSchedule | - | false
      """)
  void taintsAgainstTolerations(String what, String taint, String toleration, boolean runs) {
    DaemonSet ds = daemonSet("img:1");
    if (toleration != null) {
      ds = withTolerations(ds, List.of(toleration(toleration)));
    }
    Node n = taint == null ? node("n1") : node("n1", taint(taint));
    DaemonSetPlan plan = plan(ds, List.of(n), List.of());
    assertEquals(runs ? List.of("n1") : List.of(), plan.createOn());
    assertEquals(runs ? 1 : 0, plan.status().desiredNumberScheduled());
  }

  /** {@code key=value:Effect}. */
  private static Taint taint(String text) {
    String[] kv = text.split("[=:]", -1);
    return new Taint(kv[0], kv[1].isEmpty() ? null : kv[1], kv[2], null);
  }

  /** {@code key=value:effect} (Equal) or {@code key?:effect} (Exists); empty parts are absent. */
  private static Toleration toleration(String text) {
    boolean exists = text.contains("?");
    String[] parts = text.split("[=?:]", -1);
    String key = parts[0].isEmpty() ? null : parts[0];
    String value = exists || parts[1].isEmpty() ? null : parts[1];
    String effect = parts[parts.length - 1].isEmpty() ? null : parts[parts.length - 1];
    return new Toleration(key, exists ? "Exists" : "Equal", value, effect, null);
  }

  static DaemonSet withTolerations(DaemonSet ds, List<Toleration> tolerations) {
    PodTemplateSpec t = ds.spec().template();
    return ds.withSpec(
        ds.spec()
            .withTemplate(
                new PodTemplateSpec(t.metadata(), t.spec().withTolerations(tolerations))));
  }

  @Test
  void nodeSelectorAndAffinityPickTheNodes() {
    DaemonSet ds = daemonSet("img:1");
    PodTemplateSpec t = ds.spec().template();
    ds =
        ds.withSpec(
            ds.spec()
                .withTemplate(
                    new PodTemplateSpec(
                        t.metadata(), t.spec().withNodeSelector(Map.of("disk", "ssd")))));
    List<Node> nodes =
        List.of(
            labelled(node("n1"), Map.of("disk", "ssd")),
            node("n2"),
            labelled(node("n3"), Map.of("disk", "ssd")));
    assertEquals(List.of("n1", "n3"), plan(ds, nodes, List.of()).createOn());
  }

  @Test
  void hostNetworkPodsTolerateAnUnavailableNetwork() {
    DaemonSet ds = daemonSet("img:1");
    PodTemplateSpec t = ds.spec().template();
    var spec = t.spec();
    var hostNet =
        new dev.shoal.manifests.model.PodSpec(
            spec.initContainers(),
            spec.containers(),
            spec.restartPolicy(),
            spec.terminationGracePeriodSeconds(),
            spec.dnsPolicy(),
            spec.nodeSelector(),
            spec.nodeName(),
            true,
            spec.hostname(),
            spec.subdomain(),
            spec.dnsConfig(),
            spec.volumes(),
            spec.tolerations(),
            spec.affinity());
    ds = ds.withSpec(ds.spec().withTemplate(new PodTemplateSpec(t.metadata(), hostNet)));
    Node n = node("n1", taint("node.kubernetes.io/network-unavailable=:NoSchedule"));
    assertEquals(List.of("n1"), plan(ds, List.of(n), List.of()).createOn());
  }

  // ---- which pods go

  @Test
  void podsOnNodesThatNoLongerQualifyOrExistGo() {
    DaemonSet ds = daemonSet("img:1");
    Pod onGone = pod(ds, "gone", NOW.minusSeconds(60));
    Pod onExecute = pod(ds, "n2", NOW.minusSeconds(60));
    Pod onNoSchedule = pod(ds, "n3", NOW.minusSeconds(60));
    Pod fine = pod(ds, "n1", NOW.minusSeconds(60));
    List<Node> nodes =
        List.of(
            node("n1"),
            node("n2", taint("maintenance=:NoExecute")),
            node("n3", taint("dedicated=infra:NoSchedule")));
    DaemonSetPlan plan = plan(ds, nodes, List.of(onGone, onExecute, onNoSchedule, fine));
    assertEquals(Set.of("gone", "n2"), nodesOf(plan.delete()));
    assertEquals(List.of(), plan.createOn());
    // n3's pod stays (a NoSchedule taint does not evict) but counts as misscheduled.
    assertEquals(new DaemonSetStatus(1, 1, 1, 1, 3L, 1, 1, 0), plan.status());
  }

  @Test
  void failedPodsAndDuplicatesGoAndTheOldestStays() {
    DaemonSet ds = daemonSet("img:1");
    Pod first = pod(ds, "n1", NOW.minusSeconds(60));
    Pod second = pod(ds, "n1", NOW.minusSeconds(30));
    Pod failed = pod(ds, "n2", null);
    failed = failed.withStatus(PodStatus.phase("Failed"));
    DaemonSetPlan plan = plan(ds, List.of(node("n1"), node("n2")), List.of(first, second, failed));
    assertEquals(
        Set.of(second.metadata().name(), failed.metadata().name()),
        plan.delete().stream().map(p -> p.metadata().name()).collect(Collectors.toSet()));
    assertEquals(List.of("n2"), plan.createOn());
  }

  @Test
  void podsBeingDeletedAreNotCounted() {
    DaemonSet ds = daemonSet("img:1");
    Pod going = pod(ds, "n1", NOW.minusSeconds(60));
    going = going.withMetadata(going.metadata().withDeletion(NOW, 30L));
    DaemonSetPlan plan = plan(ds, List.of(node("n1")), List.of(going));
    assertEquals(List.of("n1"), plan.createOn());
    assertEquals(List.of(), plan.delete());
  }

  // ---- status

  @Test
  void availableOnlyAfterMinReadySecondsWithARecheckThen() {
    DaemonSet ds = daemonSet("img:1", null, 30);
    Pod readyLongAgo = pod(ds, "n1", NOW.minusSeconds(60));
    Pod readyJustNow = pod(ds, "n2", NOW.minusSeconds(10));
    Pod notReady = pod(ds, "n3", null);
    DaemonSetPlan plan =
        plan(
            ds,
            List.of(node("n1"), node("n2"), node("n3")),
            List.of(readyLongAgo, readyJustNow, notReady));
    assertEquals(new DaemonSetStatus(3, 0, 3, 2, 3L, 3, 1, 2), plan.status());
    assertEquals(20_001, plan.recheckAfterMillis());
  }

  // ---- updates

  @Test
  void rollingUpdateReplacesAtMostMaxUnavailableNodesAtATime() {
    DaemonSet old = daemonSet("img:1");
    DaemonSet ds = daemonSet("img:2", rolling(1, 0), null);
    List<Node> nodes = List.of(node("n1"), node("n2"), node("n3"));
    List<Pod> pods = new ArrayList<>();
    for (Node n : nodes) {
      pods.add(pod(old, n.metadata().name(), NOW.minusSeconds(60)));
    }
    DaemonSetPlan plan = plan(ds, nodes, pods);
    assertEquals(Set.of("n1"), nodesOf(plan.delete()));
    assertEquals(0, plan.status().updatedNumberScheduled());

    // n1 replaced but its new pod is not ready yet: no further deletion.
    List<Pod> next = new ArrayList<>(pods.subList(1, 3));
    next.add(pod(ds, "n1", null));
    DaemonSetPlan waiting = plan(ds, nodes, next);
    assertEquals(List.of(), waiting.delete());
    assertEquals(1, waiting.status().updatedNumberScheduled());

    // An old pod that is not available anyway goes at once, beyond the budget.
    next.set(0, pod(old, "n2", null));
    assertEquals(Set.of("n2"), nodesOf(plan(ds, nodes, next).delete()));
  }

  @Test
  void percentagesRoundUpOnTheDesiredNodes() {
    DaemonSet old = daemonSet("img:1");
    DaemonSet ds = daemonSet("img:2", rolling("30%", 0), null);
    List<Node> nodes = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      nodes.add(node("n" + i));
      pods.add(pod(old, "n" + i, NOW.minusSeconds(60)));
    }
    // 30% of 5 is 1.5: two nodes at a time.
    assertEquals(2, plan(ds, nodes, pods).delete().size());
  }

  @Test
  void surgeStartsTheNewPodBesideTheOldAndRemovesTheOldOnceAvailable() {
    DaemonSet old = daemonSet("img:1");
    DaemonSet ds = daemonSet("img:2", rolling(0, 1), null);
    List<Node> nodes = List.of(node("n1"), node("n2"));
    Pod old1 = pod(old, "n1", NOW.minusSeconds(60));
    Pod old2 = pod(old, "n2", NOW.minusSeconds(60));
    DaemonSetPlan plan = plan(ds, nodes, List.of(old1, old2));
    assertEquals(List.of("n1"), plan.createOn());
    assertEquals(List.of(), plan.delete());

    Pod new1 = pod(ds, "n1", null);
    DaemonSetPlan starting = plan(ds, nodes, List.of(old1, old2, new1));
    assertEquals(List.of(), starting.createOn());
    assertEquals(List.of(), starting.delete());

    Pod new1Ready = pod(ds, "n1", NOW.minusSeconds(1));
    DaemonSetPlan ready = plan(ds, nodes, List.of(old1, old2, new1Ready));
    assertEquals(List.of(old1), ready.delete());
    // The surge slot frees once n1's new pod is available: n2 starts at the same time.
    assertEquals(List.of("n2"), ready.createOn());
  }

  @Test
  void onDeleteReplacesOnlyWhatTheUserDeleted() {
    DaemonSet old = daemonSet("img:1");
    DaemonSet ds =
        daemonSet(
            "img:2", new DaemonSetUpdateStrategy(DaemonSetUpdateStrategy.ON_DELETE, null), null);
    List<Node> nodes = List.of(node("n1"), node("n2"));
    Pod old1 = pod(old, "n1", NOW.minusSeconds(60));
    Pod old2 = pod(old, "n2", NOW.minusSeconds(60));
    DaemonSetPlan untouched = plan(ds, nodes, List.of(old1, old2));
    assertEquals(List.of(), untouched.delete());
    assertEquals(List.of(), untouched.createOn());
    assertEquals(0, untouched.status().updatedNumberScheduled());
    // The user deleted n2's pod: it comes back with the new template.
    DaemonSetPlan replaced = plan(ds, nodes, List.of(old1));
    assertEquals(List.of("n2"), replaced.createOn());
  }

  /**
   * A rolling update run to the end on random readiness: at no step are more than maxUnavailable
   * nodes without an available daemon (none were missing to start with), and every node ends on the
   * new template, each with exactly one pod.
   */
  @ParameterizedTest(name = "maxUnavailable {0}, maxSurge {1}, seed {2}")
  @CsvSource({"1, 0, 1", "2, 0, 2", "0, 1, 3", "0, 2, 4", "1, 1, 5", "40%, 0, 6"})
  void rollingUpdatesStayWithinTheirBounds(String maxUnavailable, String maxSurge, long seed) {
    Random random = new Random(seed);
    DaemonSet old = daemonSet("img:1");
    Object mu = maxUnavailable.endsWith("%") ? maxUnavailable : Integer.valueOf(maxUnavailable);
    DaemonSet ds = daemonSet("img:2", rolling(mu, Integer.valueOf(maxSurge)), null);
    List<Node> nodes = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      nodes.add(node("n" + i));
      pods.add(pod(old, "n" + i, NOW.minusSeconds(60)));
    }
    int unavailableBound =
        DaemonSetPlanner.scaled(limit(mu), 1, 7) == 0 && Integer.parseInt(maxSurge) == 0
            ? 1
            : DaemonSetPlanner.scaled(limit(mu), 1, 7);
    int surgeBound = Integer.parseInt(maxSurge);
    for (int step = 0; step < 200; step++) {
      DaemonSetPlan plan = plan(ds, nodes, pods);
      if (plan.createOn().isEmpty()
          && plan.delete().isEmpty()
          && plan.status().updatedNumberScheduled() == 7
          && pods.stream().allMatch(PodFacts::isReady)) {
        assertEquals(
            7,
            pods.size(),
            () ->
                pods.stream()
                    .map(
                        p ->
                            p.spec().nodeName()
                                + "/"
                                + p.metadata().labels()
                                + "/"
                                + PodFacts.isReady(p)
                                + "/"
                                + p.metadata().creationTimestamp())
                    .toList()
                    .toString());
        assertTrue(
            pods.stream()
                .allMatch(
                    p ->
                        DaemonPods.revision(ds)
                            .equals(p.metadata().labels().get(DaemonPods.REVISION_LABEL))));
        return;
      }
      pods.removeAll(plan.delete());
      for (String n : plan.createOn()) {
        pods.add(pod(ds, n, null));
      }
      // The kubelet: some not-ready pods become ready.
      for (int i = 0; i < pods.size(); i++) {
        if (!PodFacts.isReady(pods.get(i)) && random.nextInt(3) == 0) {
          Pod p = pods.get(i);
          pods.set(
              i,
              p.withStatus(
                  p.status()
                      .withConditions(
                          List.of(new PodCondition("Ready", "True", null, null, null, NOW)))));
        }
      }
      Map<String, List<Pod>> byNode =
          pods.stream().collect(Collectors.groupingBy(p -> p.spec().nodeName()));
      long unavailable =
          nodes.stream()
              .filter(
                  n ->
                      byNode.getOrDefault(n.metadata().name(), List.of()).stream()
                          .noneMatch(PodFacts::isReady))
              .count();
      assertTrue(
          unavailable <= unavailableBound, "step " + step + ": " + unavailable + " unavailable");
      long doubled = byNode.values().stream().filter(l -> l.size() > 1).count();
      assertTrue(doubled <= surgeBound, "step " + step + ": " + doubled + " nodes with two pods");
    }
    throw new AssertionError("the update did not finish in 200 steps: " + pods);
  }
}
