package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static dev.shoal.agent.control.TestObjects.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.controllers.daemon.DaemonPods;
import dev.shoal.agent.store.ObjectKey;
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
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.RollingUpdateDaemonSet;
import dev.shoal.manifests.model.Taint;
import dev.shoal.manifests.model.Toleration;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Daemon sets with every leader component on the in-memory store and a fake kubelet, on virtual
 * time: one pod per node, nodes joining and leaving, taints, a rolling update, and a lost node that
 * keeps its daemon pod (tolerated for ever) while its replica set pods move.
 */
@ExtendWith(VertxExtension.class)
class DaemonSetControllerTest {

  private static final Map<String, String> APP = Map.of("app", "agent");
  private static final Duration STEP = Duration.ofMillis(10);

  private final FakeTimer timer = new FakeTimer();

  private LeaderHarness harness(Vertx vertx, String... nodes) throws Exception {
    return new LeaderHarness(
        vertx,
        LeaderOptions.DEFAULT.withNodeGrace(Duration.ofMillis(800)).withTimer(timer),
        node -> false,
        nodes);
  }

  private void advancingUntil(Eventually.Check check) throws Exception {
    Eventually.check(
        () -> {
          timer.advance(STEP);
          return check.holds();
        });
  }

  static DaemonSet daemonSet(String image, List<Toleration> tolerations) {
    PodTemplateSpec t = TestObjects.template(APP, image);
    t = new PodTemplateSpec(t.metadata(), t.spec().withTolerations(tolerations));
    return new DaemonSet(
        ObjectMeta.named("ns", "agent"),
        new DaemonSetSpec(
            LabelSelector.matching(APP),
            t,
            new DaemonSetUpdateStrategy(
                DaemonSetUpdateStrategy.ROLLING_UPDATE,
                new RollingUpdateDaemonSet(IntOrString.of(1), IntOrString.of(0))),
            null,
            null),
        null);
  }

  private static Set<String> nodesOf(List<Pod> pods) {
    return pods.stream()
        .filter(PodFacts::isActive)
        .map(p -> p.spec().nodeName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static DaemonSetStatus status(LeaderHarness h) throws Exception {
    return h.get(DaemonSet.class, DaemonSet.KIND, "ns", "agent").status();
  }

  @Test
  void onePodPerNodeFollowingNodesInAndOut(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, "n1", "n2", "n3")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(daemonSet("img:1", null)));
      advancingUntil(() -> h.readyPods("ns").size() == 3);
      assertEquals(Set.of("n1", "n2", "n3"), nodesOf(h.pods("ns")));
      advancingUntil(() -> status(h) != null && status(h).numberAvailable() == 3);
      DaemonSetStatus s = status(h);
      assertEquals(3, s.desiredNumberScheduled());
      assertEquals(3, s.currentNumberScheduled());
      assertEquals(3, s.updatedNumberScheduled());
      assertEquals(0, s.numberMisscheduled());
      assertEquals(1L, s.observedGeneration());

      await(h.store.create(TestObjects.node("n4", "4", "8Gi", timer.clock().instant())));
      advancingUntil(() -> nodesOf(h.readyPods("ns")).equals(Set.of("n1", "n2", "n3", "n4")));
      await(h.store.delete(new ObjectKey(Node.KIND, "", "n2")));
      advancingUntil(() -> nodesOf(h.pods("ns")).equals(Set.of("n1", "n3", "n4")));
      advancingUntil(() -> status(h).desiredNumberScheduled() == 3);
      assertEquals(3, h.pods("ns").size(), "one pod per node, never two");
    }
  }

  @Test
  void aTaintedNodeOnlyWithAToleration(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, "n1", "n2")) {
      h.kubelet.heartbeat(100);
      Taint infra = new Taint("dedicated", "infra", "NoSchedule", null);
      await(
          h.store.modify(
              new ObjectKey(Node.KIND, "", "n2"),
              n -> ((Node) n).withSpec(new NodeSpec(null, null, null, List.of(infra)))));
      await(h.store.create(daemonSet("img:1", null)));
      advancingUntil(() -> status(h) != null && status(h).numberReady() == 1);
      assertEquals(Set.of("n1"), nodesOf(h.pods("ns")));
      assertEquals(1, status(h).desiredNumberScheduled());

      await(
          h.store.modify(
              new ObjectKey(DaemonSet.KIND, "ns", "agent"),
              ds ->
                  daemonSet(
                          "img:1",
                          List.of(
                              new Toleration("dedicated", "Equal", "infra", "NoSchedule", null)))
                      .withMetadata(ds.metadata())));
      advancingUntil(() -> nodesOf(h.readyPods("ns")).equals(Set.of("n1", "n2")));
      advancingUntil(
          () -> status(h).desiredNumberScheduled() == 2 && status(h).numberAvailable() == 2);
    }
  }

  @Test
  void rollingUpdateReplacesEveryPodOneNodeAtATime(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, "n1", "n2", "n3")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(daemonSet("img:1", null)));
      advancingUntil(() -> h.readyPods("ns").size() == 3);
      h.kubelet.autoReady(false);
      await(
          h.store.modify(
              new ObjectKey(DaemonSet.KIND, "ns", "agent"),
              ds -> daemonSet("img:2", null).withMetadata(ds.metadata())));
      String revision = DaemonPods.revision(daemonSet("img:2", null));
      for (int replaced = 1; replaced <= 3; replaced++) {
        int want = replaced;
        advancingUntil(() -> updated(h, revision) == want);
        // The new pod is not ready: no other node loses its daemon meanwhile.
        timer.advance(Duration.ofSeconds(1));
        assertEquals(want, updated(h, revision), describe(h));
        assertEquals(2, h.readyPods("ns").size(), "one node at a time without its daemon");
        // Once the kubelet runs the new pod, it alone turns ready; the next node follows.
        advancingUntil(
            () ->
                h.pods("ns").size() == 3
                    && h.pods("ns").stream()
                        .allMatch(p -> p.status() != null && "Running".equals(p.status().phase())));
        await(h.kubelet.makeAllReady());
      }
      advancingUntil(
          () -> status(h).updatedNumberScheduled() == 3 && status(h).numberAvailable() == 3);
      assertEquals(3, h.pods("ns").size());
      assertEquals(2L, status(h).observedGeneration());
    }
  }

  private static String describe(LeaderHarness h) throws Exception {
    return h.pods("ns").stream()
        .map(
            p ->
                p.metadata().name()
                    + "@"
                    + p.spec().nodeName()
                    + " rev="
                    + p.metadata().labelsOrEmpty().get(DaemonPods.REVISION_LABEL)
                    + " ready="
                    + PodFacts.isReady(p)
                    + " phase="
                    + (p.status() == null ? null : p.status().phase()))
        .toList()
        .toString();
  }

  private static long updated(LeaderHarness h, String revision) throws Exception {
    return h.pods("ns").stream()
        .filter(p -> revision.equals(p.metadata().labelsOrEmpty().get(DaemonPods.REVISION_LABEL)))
        .count();
  }

  @Test
  void aLostNodeKeepsItsDaemonPodWhileOtherPodsMoveAndGetsBackUntainted(Vertx vertx)
      throws Exception {
    try (LeaderHarness h = harness(vertx, "n1", "n2")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(daemonSet("img:1", null)));
      await(h.store.create(replicaSet("ns", "web", 2, Map.of("app", "web"))));
      advancingUntil(() -> h.readyPods("ns").size() == 4);
      Pod daemonOnN2 =
          h.pods("ns").stream()
              .filter(
                  p -> "n2".equals(p.spec().nodeName()) && p.metadata().name().startsWith("agent-"))
              .findFirst()
              .orElseThrow();

      h.kubelet.silence("n2");
      advancingUntil(() -> hasUnreachableTaint(h, "n2"));
      advancingUntil(
          () ->
              h.pods("ns").stream()
                      .filter(p -> p.metadata().name().startsWith("web-"))
                      .allMatch(p -> "n1".equals(p.spec().nodeName()) && PodFacts.isReady(p))
                  && h.pods("ns").size() == 4);
      // Minutes later the daemon pod is still there: it tolerates unreachable for ever.
      timer.advance(Duration.ofMinutes(2));
      assertTrue(
          h.pods("ns").stream()
              .anyMatch(p -> p.metadata().uid().equals(daemonOnN2.metadata().uid())));
      assertEquals(2, status(h).desiredNumberScheduled());
      Pod kept = h.get(Pod.class, Pod.KIND, "ns", daemonOnN2.metadata().name());
      assertTrue(!PodFacts.isReady(kept), "no longer counted ready while its node is lost");
      assertEquals(
          "NodeLost",
          kept.status().conditions().stream()
              .filter(c -> "Ready".equals(c.type()))
              .findFirst()
              .orElseThrow()
              .reason());
      advancingUntil(() -> status(h).numberReady() == 1);

      h.kubelet.unsilence("n2");
      advancingUntil(() -> !hasUnreachableTaint(h, "n2"));
      assertTrue(
          h.pods("ns").stream()
              .anyMatch(p -> p.metadata().uid().equals(daemonOnN2.metadata().uid())));
    }
  }

  static boolean hasUnreachableTaint(LeaderHarness h, String node) throws Exception {
    Node n = h.get(Node.class, Node.KIND, "", node);
    return n.spec() != null
        && n.spec().taints() != null
        && n.spec().taints().stream()
            .anyMatch(
                t -> TaintEviction.UNREACHABLE.equals(t.key()) && "NoExecute".equals(t.effect()));
  }
}
