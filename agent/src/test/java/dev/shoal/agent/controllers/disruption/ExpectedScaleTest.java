package dev.shoal.agent.controllers.disruption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentSpec;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.ReplicaSetSpec;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The denominator of percentage budgets, read from the store as upstream's finders do: a
 * Deployment's replicas for pods of its ReplicaSets, a bare ReplicaSet's own, each controller once,
 * pods without a controller left out; a DaemonSet's pod or a controller that is gone (or was
 * replaced under the same name) fails the computation.
 */
class ExpectedScaleTest {

  private final InMemoryStore store = new InMemoryStore();
  private final ExpectedScale scale = new ExpectedScale(store);

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Resource create(Resource r) throws Exception {
    return await(store.create(r));
  }

  private static Pod owned(String name, OwnerReference owner) {
    return BudgetPods.pod(name, true, owner);
  }

  private static ObjectMeta meta(String name) {
    return ObjectMeta.named(BudgetPods.NS, name);
  }

  @Test
  void aDeploymentsReplicasCountForThePodsOfAllItsReplicaSets() throws Exception {
    Resource d =
        create(
            new Deployment(
                meta("web"),
                new DeploymentSpec(5, null, null, null, null, null, null, null),
                null));
    Resource oldRs =
        create(
            new ReplicaSet(
                meta("web-1").withOwnerReferences(List.of(PodFacts.controllerRef(d))),
                new ReplicaSetSpec(2, null, null, null),
                null));
    Resource newRs =
        create(
            new ReplicaSet(
                meta("web-2").withOwnerReferences(List.of(PodFacts.controllerRef(d))),
                new ReplicaSetSpec(3, null, null, null),
                null));
    List<Pod> pods =
        List.of(
            owned("a", PodFacts.controllerRef(oldRs)),
            owned("b", PodFacts.controllerRef(newRs)),
            owned("c", PodFacts.controllerRef(newRs)),
            BudgetPods.pod("bare", true));
    assertEquals(5, await(scale.of(pods)));
  }

  @Test
  void bareReplicaSetsAddUp() throws Exception {
    Resource a = create(new ReplicaSet(meta("a"), new ReplicaSetSpec(4, null, null, null), null));
    Resource b =
        create(new ReplicaSet(meta("b"), new ReplicaSetSpec(null, null, null, null), null));
    assertEquals(
        5,
        await(
            scale.of(
                List.of(
                    owned("a-1", PodFacts.controllerRef(a)),
                    owned("a-2", PodFacts.controllerRef(a)),
                    owned("b-1", PodFacts.controllerRef(b))))),
        "4, and 1 for an unset replicas");
  }

  @Test
  void aDaemonSetsPodOrAGoneControllerFails() throws Exception {
    Resource ds = create(new DaemonSet(meta("agent"), null, null));
    Throwable daemon =
        scale
            .of(List.of(owned("agent-x", PodFacts.controllerRef(ds))))
            .toCompletionStage()
            .toCompletableFuture()
            .handle((v, e) -> e)
            .get(10, TimeUnit.SECONDS);
    assertTrue(
        daemon.getMessage().contains("found no controllers for pod \"agent-x\""),
        daemon.toString());

    OwnerReference stale =
        new OwnerReference("apps/v1", "ReplicaSet", "web-9", "not-the-uid", true, true);
    create(new ReplicaSet(meta("web-9"), new ReplicaSetSpec(3, null, null, null), null));
    Throwable replaced =
        scale
            .of(List.of(owned("w", stale)))
            .toCompletionStage()
            .toCompletableFuture()
            .handle((v, e) -> e)
            .get(10, TimeUnit.SECONDS);
    assertTrue(replaced.getMessage().contains("found no controllers for pod \"w\""));
  }
}
