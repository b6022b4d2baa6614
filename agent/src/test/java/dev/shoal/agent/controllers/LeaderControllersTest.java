package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;
import static dev.shoal.agent.control.TestObjects.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeKubelet;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.leader.LeaderComponent;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Terms of leadership: each gets fresh components over a fenced store, and picks up where the last
 * left off.
 */
@ExtendWith(VertxExtension.class)
class LeaderControllersTest {

  private final InMemoryStore store = new InMemoryStore();

  @Test
  void aNewTermConvergesWhatChangedWithoutALeaderAndTheOldTermIsFenced(Vertx vertx)
      throws Exception {
    for (String n : List.of("n1", "n2")) {
      await(store.create(TestObjects.node(n)));
    }
    FakeKubelet kubelet = new FakeKubelet(vertx, store);
    await(kubelet.start());
    AtomicReference<LeaderControllers> current = new AtomicReference<>();
    LeaderComponent.Factory factory =
        LeaderControllers.factory(vertx, store, LeaderOptions.DEFAULT, node -> false, current::set);

    LeaderComponent first = factory.create(await(store.bumpEpoch()));
    await(first.start());
    await(store.create(replicaSet("ns", "a", 3, Map.of("app", "a"))));
    Eventually.check(() -> ready("a") == 3);
    await(first.stop());

    // No leader: these wait.
    await(
        store.modify(
            new ObjectKey(ReplicaSet.KIND, "ns", "a"),
            r -> ((ReplicaSet) r).withSpec(((ReplicaSet) r).spec().withReplicas(5))));
    await(store.create(replicaSet("ns", "b", 2, Map.of("app", "b"))));

    LeaderComponent deposed = factory.create(1);
    LeaderComponent second = factory.create(await(store.bumpEpoch()));
    assertTrue(current.get() == second);
    await(second.start());
    Eventually.check(() -> ready("a") == 5 && ready("b") == 2);
    assertEquals(7, pods().size(), "no pod created twice");

    // A component of the old term cannot write any more: its replica set controller is refused.
    await(deposed.start());
    await(
        store.modify(
            new ObjectKey(ReplicaSet.KIND, "ns", "b"),
            r -> ((ReplicaSet) r).withSpec(((ReplicaSet) r).spec().withReplicas(3))));
    Eventually.check(() -> ready("b") == 3);
    assertEquals(8, pods().size());
    await(deposed.stop());
    await(second.stop());
    kubelet.stop();
  }

  private List<Pod> pods() throws Exception {
    return await(store.list(Pod.KIND, "ns")).items().stream().map(Pod.class::cast).toList();
  }

  private long ready(String owner) throws Exception {
    return pods().stream()
        .filter(p -> PodFacts.controllerOf(p).map(r -> r.name().equals(owner)).orElse(false))
        .filter(p -> PodFacts.isReady(p) && p.spec().nodeName() != null)
        .count();
  }
}
