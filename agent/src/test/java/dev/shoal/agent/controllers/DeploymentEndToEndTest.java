package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentStatus;
import dev.shoal.manifests.model.DeploymentStrategy;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deployments through the real controllers, scheduler and store, with a fake kubelet. */
@ExtendWith(VertxExtension.class)
class DeploymentEndToEndTest {

  private static final ObjectKey KEY = new ObjectKey(Deployment.KIND, "ns", "web");

  @Test
  void rollingUpdateStaysWithinBoundsAndCompletes(Vertx vertx) throws Exception {
    try (LeaderHarness h = new LeaderHarness(vertx, Duration.ofMinutes(5), "n1", "n2", "n3")) {
      Deployment d =
          DeploymentPlannerTest.deployment(
              4, DeploymentPlannerTest.rolling(IntOrString.of(1), IntOrString.of(1)), "a", null);
      d = d.withMetadata(ObjectMeta.named("ns", "web"));
      await(h.store.create(d));
      Eventually.check(() -> complete(h, 4));

      Invariants watch = new Invariants(vertx, h.store);
      await(watch.start());
      h.kubelet.autoReady(false);
      await(h.store.modify(KEY, r -> DeploymentPlannerTest.withImage((Deployment) r, "b")));
      // Each change to a pod or the deployment is a step of the rollout: make what runs ready,
      // then wait for the next change.
      Semaphore changed = new Semaphore(0);
      List<ClusterStore.Watch> changes = watchChanges(vertx, h.store, changed);
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!complete(h, 4)) {
        await(h.kubelet.makeAllReady());
        assertTrue(
            changed.tryAcquire(end - System.nanoTime(), TimeUnit.NANOSECONDS),
            "rollout did not complete: " + status(h));
      }
      changes.forEach(ClusterStore.Watch::cancel);
      watch.stop();
      assertTrue(watch.violations.isEmpty(), watch.violations.toString());
      assertEquals(5, watch.maxSpecTotal, "the surge of one is used and never passed");
      assertTrue(watch.minReady >= 3, "ready fell to " + watch.minReady);
      assertEquals(2, h.replicaSets("ns").size());
      Deployment done = h.get(Deployment.class, Deployment.KIND, "ns", "web");
      assertEquals("2", done.metadata().annotations().get(DeploymentPlanner.REVISION));
      assertEquals("NewReplicaSetAvailable", done.status().conditions().get(1).reason());
      assertEquals("MinimumReplicasAvailable", done.status().conditions().get(0).reason());
      assertTrue(
          h.readyPods("ns").stream()
              .allMatch(p -> p.spec().containers().get(0).image().equals("b")));
    }
  }

  @Test
  void recreateThenRollbackReusesTheFirstReplicaSet(Vertx vertx) throws Exception {
    try (LeaderHarness h = new LeaderHarness(vertx, Duration.ofMinutes(5), "n1", "n2")) {
      Deployment d =
          DeploymentPlannerTest.deployment(3, new DeploymentStrategy("Recreate", null), "a", null);
      await(h.store.create(d.withMetadata(ObjectMeta.named("ns", "web"))));
      Eventually.check(() -> complete(h, 3));
      String first = h.replicaSets("ns").get(0).metadata().name();

      await(h.store.modify(KEY, r -> DeploymentPlannerTest.withImage((Deployment) r, "b")));
      Eventually.check(() -> complete(h, 3) && h.replicaSets("ns").size() == 2);
      assertTrue(
          h.pods("ns").stream().allMatch(p -> p.spec().containers().get(0).image().equals("b")));

      await(h.store.modify(KEY, r -> DeploymentPlannerTest.withImage((Deployment) r, "a")));
      Eventually.check(
          () ->
              complete(h, 3)
                  && h.pods("ns").stream()
                      .allMatch(p -> p.spec().containers().get(0).image().equals("a")));
      ReplicaSet back = h.get(ReplicaSet.class, ReplicaSet.KIND, "ns", first);
      assertEquals(3, back.spec().replicas());
      assertEquals("3", back.metadata().annotations().get(DeploymentPlanner.REVISION));
      assertEquals(2, h.replicaSets("ns").size());
    }
  }

  @Test
  void adoptsAnOrphanReplicaSetWithTheSameTemplate(Vertx vertx) throws Exception {
    try (LeaderHarness h = new LeaderHarness(vertx, Duration.ofMinutes(5), "n1")) {
      Deployment d =
          DeploymentPlannerTest.deployment(
              2, DeploymentPlannerTest.rolling(IntOrString.of(1), IntOrString.of(0)), "a", null);
      // What a deployment leaves behind when deleted with orphaning: its set, carrying the hash
      // label.
      ReplicaSet orphan = DeploymentPlanner.newReplicaSet(d, 2, 1);
      orphan = orphan.withMetadata(orphan.metadata().withOwnerReferences(null));
      await(h.store.create(orphan));
      Eventually.check(() -> h.readyPods("ns").size() == 2);
      List<String> before = h.pods("ns").stream().map(p -> p.metadata().name()).sorted().toList();

      await(h.store.create(d.withMetadata(ObjectMeta.named("ns", "web"))));
      Eventually.check(() -> complete(h, 2));
      assertEquals(1, h.replicaSets("ns").size());
      assertEquals(before, h.pods("ns").stream().map(p -> p.metadata().name()).sorted().toList());
      assertEquals("web", PodFacts.controllerOf(h.replicaSets("ns").get(0)).orElseThrow().name());
    }
  }

  @Test
  void deletingTheDeploymentCascadesToSetsAndPods(Vertx vertx) throws Exception {
    try (LeaderHarness h = new LeaderHarness(vertx, Duration.ofMinutes(5), "n1")) {
      Deployment d =
          DeploymentPlannerTest.deployment(
              2, DeploymentPlannerTest.rolling(IntOrString.of(1), IntOrString.of(0)), "a", null);
      await(h.store.create(d.withMetadata(ObjectMeta.named("ns", "web"))));
      Eventually.check(() -> complete(h, 2));
      await(h.store.delete(KEY));
      Eventually.check(() -> h.replicaSets("ns").isEmpty() && h.pods("ns").isEmpty());
    }
  }

  private static boolean complete(LeaderHarness h, int replicas) throws Exception {
    Deployment d = h.get(Deployment.class, Deployment.KIND, "ns", "web");
    DeploymentStatus s = d.status();
    return s != null
        && d.metadata().generation().equals(s.observedGeneration())
        && s.updatedReplicas() == replicas
        && s.availableReplicas() == replicas
        && s.replicas() == replicas
        && h.pods("ns").size() == replicas;
  }

  /** Releases a permit of {@code changed} on every change to a pod or deployment in "ns". */
  private static List<ClusterStore.Watch> watchChanges(
      Vertx vertx, ClusterStore store, Semaphore changed) throws Exception {
    List<ClusterStore.Watch> watches = new ArrayList<>();
    for (String kind : List.of(Pod.KIND, Deployment.KIND)) {
      watches.add(
          await(
              Future.<ClusterStore.Watch>future(
                  p ->
                      vertx
                          .getOrCreateContext()
                          .runOnContext(
                              x ->
                                  store
                                      .list(kind, "ns")
                                      .compose(
                                          now ->
                                              store.watch(
                                                  kind,
                                                  "ns",
                                                  now.version(),
                                                  e -> changed.release()))
                                      .onComplete(p)))));
    }
    return watches;
  }

  private static DeploymentStatus status(LeaderHarness h) throws Exception {
    return h.get(Deployment.class, Deployment.KIND, "ns", "web").status();
  }

  /** Watches sets and pods as they change and records the extremes. */
  static final class Invariants {
    final Vertx vertx;
    final ClusterStore store;
    final Map<String, Integer> specReplicas = new ConcurrentHashMap<>();
    final Map<String, Boolean> ready = new ConcurrentHashMap<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<ClusterStore.Watch> watches = new CopyOnWriteArrayList<>();
    volatile int maxSpecTotal;
    volatile int minReady = Integer.MAX_VALUE;

    Invariants(Vertx vertx, ClusterStore store) {
      this.vertx = vertx;
      this.store = store;
    }

    io.vertx.core.Future<Void> start() {
      Promise<Void> started = Promise.promise();
      vertx
          .getOrCreateContext()
          .runOnContext(
              x ->
                  store
                      .list(Pod.KIND, "ns")
                      .compose(
                          pods -> {
                            pods.items()
                                .forEach(
                                    p -> ready.put(p.metadata().name(), PodFacts.isReady((Pod) p)));
                            return store.watch(Pod.KIND, "ns", pods.version(), this::onPod);
                          })
                      .compose(
                          w -> {
                            watches.add(w);
                            return store.list(ReplicaSet.KIND, "ns");
                          })
                      .compose(
                          sets -> {
                            sets.items()
                                .forEach(
                                    r ->
                                        specReplicas.put(
                                            r.metadata().name(),
                                            ((ReplicaSet) r).spec().replicasOrDefault()));
                            return store.watch(ReplicaSet.KIND, "ns", sets.version(), this::onSet);
                          })
                      .<Void>map(
                          w -> {
                            watches.add(w);
                            return null;
                          })
                      .onComplete(started));
      return started.future();
    }

    void stop() {
      watches.forEach(ClusterStore.Watch::cancel);
    }

    private void onPod(WatchEvent e) {
      if (e.type() == WatchEvent.Type.DELETED) {
        ready.remove(e.key().name());
      } else {
        ready.put(
            e.key().name(),
            PodFacts.isReady((Pod) e.object()) && PodFacts.isActive((Pod) e.object()));
      }
      int count = (int) ready.values().stream().filter(b -> b).count();
      minReady = Math.min(minReady, count);
    }

    private void onSet(WatchEvent e) {
      if (e.type() == WatchEvent.Type.DELETED) {
        specReplicas.remove(e.key().name());
      } else {
        specReplicas.put(e.key().name(), ((ReplicaSet) e.object()).spec().replicasOrDefault());
      }
      maxSpecTotal =
          Math.max(maxSpecTotal, specReplicas.values().stream().mapToInt(Integer::intValue).sum());
    }
  }
}
