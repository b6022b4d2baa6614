package dev.shoal.agent.store.hazelcast;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.cluster.TestCluster.eventually;
import static dev.shoal.agent.store.ClusterStoreContract.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.cluster.TestCluster;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping every member and starting them again on the same data directories keeps every object.
 */
class WholeClusterRestartTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<HazelcastMember> members = new ArrayList<>();
  private final List<HazelcastStore> stores = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    stores.forEach(HazelcastStore::close);
    members.forEach(HazelcastMember::terminate);
    await(vertx.close());
  }

  private void startAll(TestCluster cluster, Path dataDir) throws Exception {
    for (int i = 0; i < 3; i++) {
      HazelcastMember member = cluster.start(vertx, i);
      members.add(member);
      stores.add(TestCluster.openStore(vertx, member, dataDir.resolve("node-" + i)));
    }
  }

  @Test
  void everyObjectSurvivesARestartOfAllMembers(@TempDir Path dataDir) throws Exception {
    TestCluster cluster = new TestCluster(3);
    startAll(cluster, dataDir);
    Map<ObjectKey, Resource> expected = new HashMap<>();
    for (int i = 0; i < 12; i++) {
      Resource created =
          await(
              stores.get(i % 3).create(new Pod(ObjectMeta.named("keep", "pod-" + i), null, null)));
      expected.put(ObjectKey.of(created), created);
    }
    ObjectKey relabelled = new ObjectKey("Pod", "keep", "pod-1");
    expected.put(
        relabelled,
        await(
            stores
                .get(2)
                .modify(
                    relabelled,
                    current ->
                        current.withMetadata(
                            current.metadata().withLabels(Map.of("changed", "yes"))))));
    ObjectKey deleted = new ObjectKey("Pod", "keep", "pod-2");
    await(stores.get(0).delete(deleted));
    expected.remove(deleted);
    for (HazelcastStore store : stores) {
      assertTrue(
          eventually(
              Duration.ofSeconds(5), () -> store.localView().list("Pod", "keep").size() == 11));
    }

    for (HazelcastStore store : stores) {
      store.close();
    }
    stores.clear();
    TestCluster.leaveAll(members.subList(0, 2));
    assertTrue(eventually(Duration.ofSeconds(10), () -> members.get(2).members().size() == 1));
    assertTrue(
        eventually(Duration.ofSeconds(10), () -> members.get(2).hasMajority()),
        "members that said goodbye do not count against the last one");
    TestCluster.leaveAll(members.subList(2, 3));
    members.clear();

    startAll(cluster, dataDir);
    for (Map.Entry<ObjectKey, Resource> entry : expected.entrySet()) {
      Resource restored = await(stores.get(1).get(entry.getKey()));
      assertEquals(
          entry.getValue().metadata().resourceVersion(), restored.metadata().resourceVersion());
      assertEquals(entry.getValue().metadata().uid(), restored.metadata().uid());
      assertEquals(entry.getValue().metadata().labels(), restored.metadata().labels());
    }
    assertEquals(StoreException.Reason.NOT_FOUND, failure(stores.get(2).get(deleted)));
    assertEquals(11, stores.get(2).localView().list("Pod", "keep").size());
    Resource after =
        await(stores.get(0).create(new Pod(ObjectMeta.named("keep", "new"), null, null)));
    long newest =
        expected.values().stream()
            .mapToLong(r -> Long.parseLong(r.metadata().resourceVersion()))
            .max()
            .orElseThrow();
    assertTrue(
        Long.parseLong(after.metadata().resourceVersion()) > newest,
        "versions continue above restored ones");
  }
}
