package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static dev.shoal.agent.control.TestObjects.node;
import static dev.shoal.agent.control.TestObjects.pod;
import static dev.shoal.agent.control.TestObjects.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.ControllerRunner;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeKubelet;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.scheduler.Scheduler;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.ReplicaSetStatus;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ReplicaSetControllerTest {

  private static final Map<String, String> APP = Map.of("app", "web");
  private final InMemoryStore store = new InMemoryStore();
  private ControllerRunner runner;
  private final ObjectKey key = new ObjectKey(ReplicaSet.KIND, "ns", "web");

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    runner = new ControllerRunner(vertx, store, new ReplicaSetController(store, Clock.systemUTC()));
    await(runner.start());
  }

  @AfterEach
  void stop() throws Exception {
    await(runner.stop());
  }

  @Test
  void keepsThreeAndScalesWithTheSpec() throws Exception {
    await(store.create(replicaSet("ns", "web", 3, APP)));
    Eventually.check(() -> owned().size() == 3);
    Pod first = owned().get(0);
    assertTrue(first.metadata().name().startsWith("web-"));
    assertEquals(APP, first.metadata().labels());
    assertEquals(Boolean.TRUE, first.metadata().ownerReferences().get(0).controller());

    await(store.delete(ObjectKey.of(first)));
    Eventually.check(
        () ->
            owned().size() == 3
                && owned().stream()
                    .noneMatch(p -> p.metadata().name().equals(first.metadata().name())));

    await(
        store.modify(key, r -> ((ReplicaSet) r).withSpec(((ReplicaSet) r).spec().withReplicas(5))));
    Eventually.check(() -> owned().size() == 5);
    await(
        store.modify(key, r -> ((ReplicaSet) r).withSpec(((ReplicaSet) r).spec().withReplicas(1))));
    Eventually.check(
        () ->
            owned().size() == 1
                && status() != null
                && status().replicas() == 1
                && status().observedGeneration() == 3L);
  }

  @Test
  void adoptsOrphansAndReleasesRelabelledPods() throws Exception {
    await(store.create(pod("ns", "orphan", APP, TestObjects.container(null, null))));
    await(
        store.create(
            pod("ns", "stranger", Map.of("app", "db"), TestObjects.container(null, null))));
    await(store.create(replicaSet("ns", "web", 2, APP)));
    Eventually.check(() -> owned().size() == 2);
    assertTrue(owned().stream().anyMatch(p -> p.metadata().name().equals("orphan")));
    assertTrue(
        PodFacts.controllerOf(await(store.get(new ObjectKey(Pod.KIND, "ns", "stranger"))))
            .isEmpty());

    await(
        store.modify(
            new ObjectKey(Pod.KIND, "ns", "orphan"),
            r -> r.withMetadata(r.metadata().withLabels(Map.of("app", "debug")))));
    Eventually.check(
        () ->
            owned().size() == 2
                && owned().stream().noneMatch(p -> p.metadata().name().equals("orphan")));
    Resource released = await(store.get(new ObjectKey(Pod.KIND, "ns", "orphan")));
    assertTrue(PodFacts.controllerOf(released).isEmpty());
  }

  @Test
  void sixReplicasSpreadTwoPerNodeAndReportReadiness(Vertx vertx) throws Exception {
    for (String n : List.of("n1", "n2", "n3")) {
      await(store.create(node(n)));
    }
    Scheduler scheduler = new Scheduler(vertx, store);
    await(scheduler.start());
    FakeKubelet kubelet = new FakeKubelet(vertx, store);
    await(kubelet.start());
    await(store.create(replicaSet("ns", "web", 6, APP)));
    Eventually.check(
        () ->
            status() != null && status().readyReplicas() == 6 && status().availableReplicas() == 6);
    Map<String, Integer> perNode = new TreeMap<>();
    owned().forEach(p -> perNode.merge(p.spec().nodeName(), 1, Integer::sum));
    assertEquals(Map.of("n1", 2, "n2", 2, "n3", 2), perNode);
    kubelet.stop();
    await(scheduler.stop());
  }

  private List<Pod> owned() throws Exception {
    return await(store.list(Pod.KIND, "ns")).items().stream()
        .map(Pod.class::cast)
        .filter(p -> PodFacts.controllerOf(p).map(r -> r.name().equals("web")).orElse(false))
        .toList();
  }

  private ReplicaSetStatus status() throws Exception {
    return ((ReplicaSet) await(store.get(key))).status();
  }
}
