package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static dev.shoal.agent.control.TestObjects.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class NodeLifecycleTest {

  private static final Map<String, String> APP = Map.of("app", "web");

  @Test
  void silentNodeIsMarkedUnknownAndItsPodsAreRecreatedElsewhere(Vertx vertx) throws Exception {
    try (LeaderHarness h = new LeaderHarness(vertx, Duration.ofMillis(800), "n1", "n2", "n3")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(replicaSet("ns", "web", 6, APP)));
      Eventually.check(() -> h.readyPods("ns").size() == 6);
      Set<String> lostReasons = watchFailures(vertx, h.store);

      h.kubelet.silence("n2");
      Eventually.check(() -> "Unknown".equals(ready(h, "n2").status()));
      assertEquals("NodeStatusUnknown", ready(h, "n2").reason());
      Eventually.check(() -> {
        List<Pod> ready = h.readyPods("ns");
        return ready.size() == 6 && ready.stream().noneMatch(p -> "n2".equals(p.spec().nodeName()));
      });
      assertEquals(Set.of("NodeLost"), lostReasons);
      assertEquals("True", ready(h, "n1").status());
    }
  }

  @Test
  void membershipSignalEvictsWithoutWaitingForTheGracePeriod(Vertx vertx) throws Exception {
    try (LeaderHarness h = new LeaderHarness(vertx, Duration.ofMinutes(5), "n1", "n2")) {
      await(h.store.create(replicaSet("ns", "web", 4, APP)));
      Eventually.check(() -> h.readyPods("ns").size() == 4);
      h.kubelet.silence("n1");
      h.leader.nodeGone("n1");
      Eventually.check(() -> {
        List<Pod> pods = h.readyPods("ns");
        return pods.size() == 4 && pods.stream().allMatch(p -> "n2".equals(p.spec().nodeName()));
      });
      assertEquals("Unknown", ready(h, "n1").status());
      assertTrue(h.pods("ns").stream().allMatch(PodFacts::isActive));
    }
  }

  @Test
  void aSilentNodeWhoseAgentIsStillAMemberKeepsItsPodsForTheMemberGrace(Vertx vertx) throws Exception {
    // As after every agent restarted: n2's agent is back in the cluster but has not heartbeaten yet.
    Set<String> members = ConcurrentHashMap.newKeySet();
    members.addAll(List.of("n1", "n2"));
    LeaderOptions options = LeaderOptions.DEFAULT.withNodeGrace(Duration.ofMillis(300))
        .withMemberGrace(Duration.ofMinutes(5));
    try (LeaderHarness h = new LeaderHarness(vertx, options, members::contains, "n1", "n2")) {
      h.kubelet.heartbeat(100);
      await(h.store.create(replicaSet("ns", "web", 4, APP)));
      Eventually.check(() -> h.readyPods("ns").size() == 4);
      List<String> uids = uids(h.pods("ns"));
      h.kubelet.silence("n2");
      Thread.sleep(1_500); // five node grace periods
      assertEquals("True", ready(h, "n2").status());
      assertEquals(uids, uids(h.pods("ns")), "no pod of n2 evicted while its agent is a member");

      members.remove("n2"); // the membership layer dropped it without a leave event: the heartbeat rule again
      Eventually.check(() -> "Unknown".equals(ready(h, "n2").status()));
      Eventually.check(() -> {
        List<Pod> ready = h.readyPods("ns");
        return ready.size() == 4 && ready.stream().allMatch(p -> "n1".equals(p.spec().nodeName()));
      });
    }
  }

  private static List<String> uids(List<Pod> pods) {
    return pods.stream().map(p -> p.metadata().uid()).sorted().toList();
  }

  private static NodeCondition ready(LeaderHarness h, String node) throws Exception {
    return h.get(Node.class, Node.KIND, "", node).status().conditions().stream()
        .filter(c -> "Ready".equals(c.type())).findFirst().orElseThrow();
  }

  /** Collects the status reason of every pod seen Failed. */
  private static Set<String> watchFailures(Vertx vertx, ClusterStore store) throws Exception {
    Set<String> reasons = ConcurrentHashMap.newKeySet();
    Promise<ClusterStore.Watch> started = Promise.promise();
    vertx.getOrCreateContext().runOnContext(x -> store.currentVersion()
        .compose(v -> store.watch(Pod.KIND, null, v, (WatchEvent e) -> {
          Pod p = (Pod) e.object();
          if (p.status() != null && "Failed".equals(p.status().phase())) {
            reasons.add(p.status().reason());
          }
        })).onComplete(started));
    await(started.future());
    return reasons;
  }
}
