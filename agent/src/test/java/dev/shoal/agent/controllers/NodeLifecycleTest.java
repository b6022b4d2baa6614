package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static dev.shoal.agent.control.TestObjects.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.Pod;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Node lifecycle on virtual time: the leader's components, the fake kubelet's heartbeats and the
 * grace periods all run on one {@link FakeTimer}, so a grace period passes when the test moves the
 * timer, never by waiting for the machine (a busy machine only makes the test slower, never wrong).
 */
@ExtendWith(VertxExtension.class)
class NodeLifecycleTest {

  private static final Map<String, String> APP = Map.of("app", "web");

  /** Virtual time per poll while waiting for the controllers to converge. */
  private static final Duration STEP = Duration.ofMillis(10);

  private final FakeTimer timer = new FakeTimer();

  private LeaderHarness harness(Vertx vertx, Duration grace, String... nodes) throws Exception {
    return new LeaderHarness(
        vertx, LeaderOptions.DEFAULT.withNodeGrace(grace).withTimer(timer), node -> false, nodes);
  }

  /** Polls {@code check}, moving virtual time on by {@link #STEP} before each look. */
  private void advancingUntil(Eventually.Check check) throws Exception {
    Eventually.check(
        () -> {
          timer.advance(STEP);
          return check.holds();
        });
  }

  @Test
  void silentNodeIsMarkedUnknownAndItsPodsAreRecreatedElsewhere(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, Duration.ofMillis(800), "n1", "n2", "n3")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(replicaSet("ns", "web", 6, APP)));
      advancingUntil(() -> h.readyPods("ns").size() == 6);
      Set<String> lostReasons = watchFailures(vertx, h.store);

      h.kubelet.silence("n2");
      Instant silenced = timer.clock().instant();
      advancingUntil(() -> "Unknown".equals(ready(h, "n2").status()));
      Duration noticed = Duration.between(silenced, timer.clock().instant());
      assertTrue(
          noticed.compareTo(Duration.ofMillis(700)) >= 0,
          "marked lost before the grace period: " + noticed);
      assertEquals("NodeStatusUnknown", ready(h, "n2").reason());
      advancingUntil(
          () -> {
            List<Pod> ready = h.readyPods("ns");
            return ready.size() == 6
                && ready.stream().noneMatch(p -> "n2".equals(p.spec().nodeName()));
          });
      assertEquals(Set.of("NodeLost"), lostReasons);
      assertEquals("True", ready(h, "n1").status());
    }
  }

  @Test
  void membershipSignalEvictsWithoutWaitingForTheGracePeriod(Vertx vertx) throws Exception {
    try (LeaderHarness h = harness(vertx, Duration.ofMinutes(5), "n1", "n2")) {
      await(h.store.create(replicaSet("ns", "web", 4, APP)));
      advancingUntil(() -> h.readyPods("ns").size() == 4);
      Instant signalled = timer.clock().instant();
      h.kubelet.silence("n1");
      h.leader.nodeGone("n1");
      advancingUntil(
          () -> {
            List<Pod> pods = h.readyPods("ns");
            return pods.size() == 4
                && pods.stream().allMatch(p -> "n2".equals(p.spec().nodeName()));
          });
      assertEquals("Unknown", ready(h, "n1").status());
      assertTrue(h.pods("ns").stream().allMatch(PodFacts::isActive));
      assertTrue(
          Duration.between(signalled, timer.clock().instant()).compareTo(Duration.ofMinutes(1)) < 0,
          "evicted at once, not after the 5 min grace period");
    }
  }

  @Test
  void aSilentNodeWhoseAgentIsStillAMemberKeepsItsPodsForTheMemberGrace(Vertx vertx)
      throws Exception {
    // As after every agent restarted: n2's agent is back in the cluster but has not heartbeaten
    // yet.
    Set<String> members = ConcurrentHashMap.newKeySet();
    members.addAll(List.of("n1", "n2"));
    LeaderOptions options =
        LeaderOptions.DEFAULT
            .withNodeGrace(Duration.ofMillis(300))
            .withMemberGrace(Duration.ofMinutes(5))
            .withTimer(timer);
    try (LeaderHarness h = new LeaderHarness(vertx, options, members::contains, "n1", "n2")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(replicaSet("ns", "web", 4, APP)));
      advancingUntil(() -> h.readyPods("ns").size() == 4);
      List<String> uids = uids(h.pods("ns"));
      h.kubelet.silence("n2");
      timer.advance(
          Duration.ofMillis(
              1_500)); // five node grace periods of virtual time, every timer on the way fired
      assertEquals("True", ready(h, "n2").status());
      assertEquals(uids, uids(h.pods("ns")), "no pod of n2 evicted while its agent is a member");

      members.remove(
          "n2"); // the membership layer dropped it without a leave event: the heartbeat rule again
      advancingUntil(() -> "Unknown".equals(ready(h, "n2").status()));
      advancingUntil(
          () -> {
            List<Pod> ready = h.readyPods("ns");
            return ready.size() == 4
                && ready.stream().allMatch(p -> "n1".equals(p.spec().nodeName()));
          });
    }
  }

  private static List<String> uids(List<Pod> pods) {
    return pods.stream().map(p -> p.metadata().uid()).sorted().toList();
  }

  private static NodeCondition ready(LeaderHarness h, String node) throws Exception {
    return h.get(Node.class, Node.KIND, "", node).status().conditions().stream()
        .filter(c -> "Ready".equals(c.type()))
        .findFirst()
        .orElseThrow();
  }

  /** Collects the status reason of every pod seen Failed. */
  private static Set<String> watchFailures(Vertx vertx, ClusterStore store) throws Exception {
    Set<String> reasons = ConcurrentHashMap.newKeySet();
    Promise<ClusterStore.Watch> started = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            x ->
                store
                    .currentVersion()
                    .compose(
                        v ->
                            store.watch(
                                Pod.KIND,
                                null,
                                v,
                                (WatchEvent e) -> {
                                  Pod p = (Pod) e.object();
                                  if (p.status() != null && "Failed".equals(p.status().phase())) {
                                    reasons.add(p.status().reason());
                                  }
                                }))
                    .onComplete(started));
    await(started.future());
    return reasons;
  }
}
