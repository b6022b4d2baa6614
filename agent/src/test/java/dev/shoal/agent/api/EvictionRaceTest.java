package dev.shoal.agent.api;

import static dev.shoal.agent.cluster.TestCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.admission.Admission;
import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.cluster.TestCluster;
import dev.shoal.agent.controllers.disruption.BudgetPods;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.hazelcast.HazelcastStore;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.PodDisruptionBudgetSpec;
import dev.shoal.manifests.model.PodDisruptionBudgetStatus;
import dev.shoal.manifests.model.Status;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evictions racing on two members of a real Hazelcast cluster: with room for {@code k} disruptions
 * and more pods than that evicted at once from both members, exactly {@code k} are let go, the
 * others get 429, and the budget ends with no disruption left and exactly those pods in
 * disruptedPods. The compare-and-set on the budget's resourceVersion is what makes it so.
 */
class EvictionRaceTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<HazelcastMember> members = new ArrayList<>();
  private final List<HazelcastStore> stores = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (HazelcastStore s : stores) {
      s.close();
    }
    TestCluster.leaveAll(members);
    await(vertx.close());
  }

  @Test
  void concurrentEvictionsNeverTakeMoreThanTheBudgetAllows(@TempDir Path dir) throws Exception {
    TestCluster cluster = new TestCluster(2);
    members.addAll(cluster.startAll(vertx));
    stores.add(TestCluster.openStore(vertx, members.get(0), dir.resolve("a")));
    stores.add(TestCluster.openStore(vertx, members.get(1), dir.resolve("b")));
    List<Evictions> evictions = new ArrayList<>();
    for (HazelcastStore s : stores) {
      evictions.add(
          new Evictions(
              new ResourceService(s, new Admission(), Clock.systemUTC()), Clock.systemUTC()));
    }
    await(stores.get(0).create(new Namespace(ObjectMeta.named(null, BudgetPods.NS), null, null)));

    for (int round = 0; round < 3; round++) {
      int pods = 8;
      int room = round + 1; // 1, 2, 3 disruptions allowed
      List<String> names = new ArrayList<>();
      for (int i = 0; i < pods; i++) {
        Pod p = BudgetPods.pod("r" + round + "-" + i, true);
        p = (Pod) p.withMetadata(p.metadata().withLabels(java.util.Map.of("app", "r" + round)));
        await(stores.get(0).create(p));
        names.add(p.metadata().name());
      }
      PodDisruptionBudget pdb =
          (PodDisruptionBudget)
              await(
                  stores
                      .get(0)
                      .create(
                          new PodDisruptionBudget(
                              ObjectMeta.named(BudgetPods.NS, "pdb-" + round),
                              new PodDisruptionBudgetSpec(
                                  IntOrString.of(pods - room),
                                  new dev.shoal.manifests.model.LabelSelector(
                                      java.util.Map.of("app", "r" + round), null),
                                  null,
                                  null),
                              null)));
      ObjectKey key = ObjectKey.of(pdb);
      await(
          stores
              .get(0)
              .modify(
                  key,
                  r ->
                      ((PodDisruptionBudget) r)
                          .withStatus(
                              new PodDisruptionBudgetStatus(
                                  r.metadata().generation(),
                                  null,
                                  room,
                                  pods,
                                  pods - room,
                                  pods,
                                  null))));

      List<Future<Status>> answers = new ArrayList<>();
      for (int i = 0; i < pods; i++) {
        answers.add(evictions.get(i % 2).evict(BudgetPods.NS, names.get(i), null));
      }
      await(Future.join(answers).otherwiseEmpty());
      int allowed = 0;
      int refused = 0;
      for (Future<Status> a : answers) {
        if (a.succeeded()) {
          allowed++;
        } else if (a.cause() instanceof ApiError e && e.status().code() == 429) {
          refused++;
        } else {
          throw new AssertionError("neither 201 nor 429", a.cause());
        }
      }
      PodDisruptionBudgetStatus after =
          ((PodDisruptionBudget) await(stores.get(1).get(key))).status();
      assertEquals(List.of(room, pods - room), List.of(allowed, refused), "round " + round);
      assertEquals(0, after.disruptionsAllowed());
      assertEquals(room, after.disruptedPods().size());
      int deleting = 0;
      for (String name : names) {
        Pod p = (Pod) await(stores.get(1).get(new ObjectKey(Pod.KIND, BudgetPods.NS, name)));
        if (p.metadata().deletionTimestamp() != null) {
          deleting++;
          assertEquals(true, after.disruptedPods().containsKey(name), name);
        }
      }
      assertEquals(room, deleting, "exactly the pods let go are being deleted");
    }
  }
}
