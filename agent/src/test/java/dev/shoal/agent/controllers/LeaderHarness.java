package dev.shoal.agent.controllers;

import static dev.shoal.agent.control.Await.await;

import dev.shoal.agent.control.FakeKubelet;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * An in-memory cluster for end-to-end controller tests: store, nodes, every leader component, a
 * fake kubelet, all on the timer of the {@link LeaderOptions} (a fake one runs them on virtual
 * time).
 */
final class LeaderHarness implements AutoCloseable {

  final InMemoryStore store = new InMemoryStore();
  final LeaderControllers leader;
  final FakeKubelet kubelet;

  LeaderHarness(Vertx vertx, Duration nodeGrace, String... nodes) throws Exception {
    this(vertx, LeaderOptions.DEFAULT.withNodeGrace(nodeGrace), node -> false, nodes);
  }

  /** {@code agentIsMember}: which nodes' agents the membership layer reports present. */
  LeaderHarness(
      Vertx vertx, LeaderOptions options, Predicate<String> agentIsMember, String... nodes)
      throws Exception {
    for (String n : nodes) {
      await(store.create(TestObjects.node(n, "4", "8Gi", options.clock().instant())));
    }
    leader = new LeaderControllers(vertx, store, options, agentIsMember);
    kubelet = new FakeKubelet(vertx, store, options.timer());
    await(kubelet.start());
    await(leader.start());
  }

  List<Pod> pods(String namespace) throws Exception {
    return await(store.list(Pod.KIND, namespace)).items().stream().map(Pod.class::cast).toList();
  }

  List<Pod> readyPods(String namespace) throws Exception {
    return pods(namespace).stream()
        .filter(p -> PodFacts.isActive(p) && PodFacts.isReady(p))
        .toList();
  }

  List<ReplicaSet> replicaSets(String namespace) throws Exception {
    return await(store.list(ReplicaSet.KIND, namespace)).items().stream()
        .map(ReplicaSet.class::cast)
        .toList();
  }

  <T extends Resource> T get(Class<T> type, String kind, String ns, String name) throws Exception {
    return type.cast(await(store.get(new dev.shoal.agent.store.ObjectKey(kind, ns, name))));
  }

  @Override
  public void close() throws Exception {
    kubelet.stop();
    await(leader.stop());
  }
}
