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
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three real members in this JVM: what one writes, the others read, list and watch. */
class HazelcastClusterTest {

  private static Vertx vertx;
  private static List<HazelcastMember> members;
  private static final List<HazelcastStore> stores = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    vertx = Vertx.vertx();
    members = new TestCluster(3).startAll(vertx);
    for (HazelcastMember member : members) {
      stores.add(TestCluster.openStore(vertx, member, null));
    }
    assertEquals(3, members.get(2).members().size());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    stores.forEach(HazelcastStore::close);
    members.forEach(HazelcastMember::terminate);
    await(vertx.close());
  }

  private static Pod pod(String namespace, String name) {
    return new Pod(ObjectMeta.named(namespace, name), null, null);
  }

  @Test
  void objectCreatedOnAIsReadListedAndWatchedOnC() throws Exception {
    HazelcastStore a = stores.get(0);
    HazelcastStore c = stores.get(2);
    List<WatchEvent> seen = new CopyOnWriteArrayList<>();
    await(c.watch("Pod", "spread", await(c.currentVersion()), seen::add));

    Resource created = await(a.create(pod("spread", "from-a")));
    ObjectKey key = ObjectKey.of(created);

    assertEquals(created.metadata().uid(), await(c.get(key)).metadata().uid());
    assertTrue(
        eventually(Duration.ofSeconds(5), () -> c.localView().get(key).isPresent()),
        "C's local view");
    assertTrue(eventually(Duration.ofSeconds(5), () -> !seen.isEmpty()), "C's watch");
    assertEquals(WatchEvent.Type.ADDED, seen.get(0).type());
    assertEquals(
        created.metadata().resourceVersion(), seen.get(0).object().metadata().resourceVersion());
    assertEquals(
        List.of("from-a"),
        await(c.list("Pod", "spread")).items().stream().map(r -> r.metadata().name()).toList());

    await(stores.get(1).delete(key));
    assertTrue(
        eventually(Duration.ofSeconds(5), () -> seen.size() == 2), "C sees the delete made on B");
    assertEquals(WatchEvent.Type.DELETED, seen.get(1).type());
    assertEquals(StoreException.Reason.NOT_FOUND, failure(c.get(key)));
    assertTrue(
        eventually(Duration.ofSeconds(5), () -> a.localView().list("Pod", "spread").isEmpty()));
  }

  @Test
  void aLeaderWriteWhoseVersionWasTakenBeforeANewEpochIsRefusedWhenItLands() throws Exception {
    long old = await(stores.get(0).bumpEpoch());
    Resource created = await(stores.get(0).fenced(old).create(pod("fence", "target")));
    long newer = await(stores.get(1).bumpEpoch());
    assertTrue(newer > old);

    // The old leader took a version before the bump; its write reaches the owning member only now.
    long version = Long.parseLong(created.metadata().resourceVersion()) + 1_000;
    Resource late =
        created.withMetadata(
            created
                .metadata()
                .withLabels(Map.of("late", "yes"))
                .withResourceVersion(Long.toString(version)));
    WriteObject lateWrite =
        new WriteObject(
            WriteObject.Mode.UPDATE,
            -1,
            version,
            Envelope.encode(version, false, late),
            60,
            old,
            HazelcastNames.PREFIX);
    String[] result =
        members
            .get(2)
            .instance()
            .<String, String>getMap(HazelcastNames.PREFIX + HazelcastNames.OBJECTS)
            .executeOnKey(HazelcastNames.key(ObjectKey.of(created)), lateWrite);
    assertEquals("FENCED", result[0]);
    assertEquals(null, await(stores.get(2).get(ObjectKey.of(created))).metadata().labels());
    await(
        stores
            .get(2)
            .fenced(newer)
            .modify(
                ObjectKey.of(created),
                current ->
                    current.withMetadata(
                        current.metadata().withLabels(Map.of("by", "new-leader")))));
  }

  @Test
  void staleVersionIsAConflictAndFiftyConcurrentWritersLoseNothing() throws Exception {
    Resource created = await(stores.get(0).create(pod("busy", "contended")));
    ObjectKey key = ObjectKey.of(created);
    await(
        stores
            .get(1)
            .update(created.withMetadata(created.metadata().withLabels(Map.of("first", "1")))));
    Resource stale = created.withMetadata(created.metadata().withLabels(Map.of("stale", "1")));
    assertEquals(StoreException.Reason.CONFLICT, failure(stores.get(2).update(stale)));

    List<Future<Resource>> writes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String label = "writer-" + i;
      writes.add(
          stores
              .get(i % 3)
              .modify(
                  key,
                  current -> {
                    Map<String, String> labels = new TreeMap<>(current.metadata().labelsOrEmpty());
                    labels.put(label, "1");
                    return current.withMetadata(current.metadata().withLabels(labels));
                  }));
    }
    for (Future<Resource> write : writes) {
      await(write);
    }
    Map<String, String> labels = await(stores.get(2).get(key)).metadata().labels();
    assertEquals(51, labels.size(), "every writer's label and the first one: " + labels.keySet());
    String finalVersion = await(stores.get(0).get(key)).metadata().resourceVersion();
    for (HazelcastStore store : stores) {
      assertTrue(
          eventually(
              Duration.ofSeconds(5),
              () ->
                  store
                      .localView()
                      .get(key)
                      .map(r -> r.metadata().resourceVersion().equals(finalVersion))
                      .orElse(false)),
          "views converge");
    }
  }
}
