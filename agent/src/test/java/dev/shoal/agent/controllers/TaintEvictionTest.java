package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Taint;
import dev.shoal.manifests.model.Toleration;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NoExecute taints and tolerationSeconds: the pure rule case by case, then on the leader's
 * components over virtual time, for a lost node (the lifecycle's unreachable taint) and for a taint
 * a user puts on a healthy node.
 */
@ExtendWith(VertxExtension.class)
class TaintEvictionTest {

  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  private static final Duration STEP = Duration.ofMillis(10);
  private final FakeTimer timer = new FakeTimer();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      no toleration: at once                    | -        | -     | 0
      tolerated for ever                        | gpu      | -     | -
      tolerated for 30 s from the taint's time  | gpu      | 30    | 30
      zero seconds: at once                     | gpu      | 0     | 0
      negative seconds: at once                 | gpu      | -5    | 0
      other key: at once                        | other    | 30    | 0
      empty key with Exists: for its seconds    | ''       | 45    | 45
      """)
  void theRule(String what, String key, Long seconds, Long evictAfter) {
    Taint taint = new Taint("gpu", null, "NoExecute", T0);
    Pod pod = TestObjects.pod("ns", "p", Map.of(), TestObjects.container(null, null));
    if (key != null) {
      pod =
          pod.withSpec(
              pod.spec()
                  .withTolerations(
                      List.of(
                          new Toleration(
                              key.isEmpty() ? null : key, "Exists", null, "NoExecute", seconds))));
    }
    Instant now = T0.plusSeconds(10);
    Optional<Instant> at = TaintEviction.evictAt(pod, List.of(taint), now);
    if (evictAfter == null) {
      assertEquals(Optional.empty(), at);
    } else if (evictAfter == 0) {
      assertTrue(TaintEviction.due(pod, List.of(taint), now), at.toString());
    } else {
      assertEquals(Optional.of(T0.plusSeconds(evictAfter)), at);
    }
  }

  @Test
  void theShortestToleranceOfSeveralTaintsWinsAndNoTaintsNeverEvict() {
    Pod pod = TestObjects.pod("ns", "p", Map.of(), TestObjects.container(null, null));
    pod =
        pod.withSpec(
            pod.spec()
                .withTolerations(
                    List.of(
                        new Toleration("a", "Exists", null, "NoExecute", null),
                        new Toleration("b", "Exists", null, "NoExecute", 60L))));
    List<Taint> both =
        List.of(
            new Taint("a", null, "NoExecute", T0),
            new Taint("b", null, "NoExecute", T0.plusSeconds(5)));
    assertEquals(Optional.of(T0.plusSeconds(60)), TaintEviction.evictAt(pod, both, T0));
    assertEquals(Optional.empty(), TaintEviction.evictAt(pod, List.of(), T0));
  }

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

  private static Pod boundPod(String name, String node, Toleration... tolerations) {
    Pod p = TestObjects.pod("ns", name, Map.of(), TestObjects.container(null, null));
    return p.withSpec(p.spec().withNodeName(node).withTolerations(List.of(tolerations)));
  }

  private static Set<String> names(LeaderHarness h) throws Exception {
    return h.pods("ns").stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
  }

  @Test
  void onALostNodeEachPodGoesWhenItsTolerationRunsOut(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, "n1", "n2")) {
      h.kubelet.heartbeat(100);
      Toleration unreachable30 =
          new Toleration(TaintEviction.UNREACHABLE, "Exists", null, "NoExecute", 30L);
      Toleration unreachableForEver =
          new Toleration(TaintEviction.UNREACHABLE, "Exists", null, "NoExecute", null);
      await(h.store.create(boundPod("plain", "n2")));
      await(h.store.create(boundPod("patient", "n2", unreachable30)));
      await(h.store.create(boundPod("stubborn", "n2", unreachableForEver)));
      advancingUntil(() -> h.readyPods("ns").size() == 3);

      h.kubelet.silence("n2");
      advancingUntil(() -> DaemonSetControllerTest.hasUnreachableTaint(h, "n2"));
      Instant tainted = timer.clock().instant();
      advancingUntil(() -> names(h).equals(Set.of("patient", "stubborn")));
      assertTrue(
          Duration.between(tainted, timer.clock().instant()).compareTo(Duration.ofSeconds(1)) < 0,
          "a pod without a toleration goes at once, as before");

      timer.advance(Duration.ofSeconds(29));
      assertEquals(Set.of("patient", "stubborn"), names(h), "tolerated for 30 s");
      advancingUntil(() -> names(h).equals(Set.of("stubborn")));
      Duration after = Duration.between(tainted, timer.clock().instant());
      assertTrue(
          after.compareTo(Duration.ofSeconds(30)) >= 0
              && after.compareTo(Duration.ofSeconds(31)) < 0,
          "evicted at its tolerationSeconds: " + after);
      timer.advance(Duration.ofMinutes(10));
      assertEquals(Set.of("stubborn"), names(h));
    }
  }

  @Test
  void aNoExecuteTaintOnAHealthyNodeEvictsByTheSameRule(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, "n1")) {
      h.kubelet.heartbeat(100);
      Toleration twenty = new Toleration("maintenance", "Exists", null, "NoExecute", 20L);
      Toleration forEver = new Toleration("maintenance", "Exists", null, null, null);
      await(h.store.create(boundPod("plain", "n1")));
      await(h.store.create(boundPod("brief", "n1", twenty)));
      await(h.store.create(boundPod("steady", "n1", forEver)));
      advancingUntil(() -> h.readyPods("ns").size() == 3);

      Instant at = timer.clock().instant();
      Taint maintenance = new Taint("maintenance", null, "NoExecute", at);
      await(
          h.store.modify(
              new ObjectKey(Node.KIND, "", "n1"),
              n -> ((Node) n).withSpec(new NodeSpec(null, null, null, List.of(maintenance)))));
      advancingUntil(() -> names(h).equals(Set.of("brief", "steady")));
      timer.advance(Duration.ofSeconds(19));
      assertEquals(Set.of("brief", "steady"), names(h));
      advancingUntil(() -> names(h).equals(Set.of("steady")));
      Duration after = Duration.between(at, timer.clock().instant());
      assertTrue(after.compareTo(Duration.ofSeconds(21)) < 0, "evicted at 20 s: " + after);
      assertFalse(DaemonSetControllerTest.hasUnreachableTaint(h, "n1"));
    }
  }
}
