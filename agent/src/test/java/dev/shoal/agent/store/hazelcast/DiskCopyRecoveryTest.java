package dev.shoal.agent.store.hazelcast;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.store.ClusterStoreContract.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.cluster.TestCluster;
import dev.shoal.agent.store.DiskCopy;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a power cut one file of the on-disk copy is cut short and another is garbage: the node
 * still starts the cluster from its copy, with every good object, and the two bad files set aside
 * in {@code corrupt/} (the cut one must not reach the shared map, where every member would fail to
 * read it).
 */
class DiskCopyRecoveryTest {

  private final Vertx vertx = Vertx.vertx();
  private HazelcastMember member;
  private HazelcastStore store;

  @AfterEach
  void stop() throws Exception {
    if (store != null) {
      store.close();
    }
    if (member != null) {
      member.terminate();
    }
    await(vertx.close());
  }

  @Test
  void aTruncatedAndAGarbageFileAreSetAsideAndTheRestIsRestored(@TempDir Path dataDir)
      throws Exception {
    member = new TestCluster(1).start(vertx, 0);
    store = TestCluster.openStore(vertx, member, dataDir);
    Resource kept = await(store.create(new Pod(ObjectMeta.named("power", "kept"), null, null)));
    Resource alsoKept =
        await(store.create(new Pod(ObjectMeta.named("power", "also-kept"), null, null)));
    Resource cut = await(store.create(new Pod(ObjectMeta.named("power", "cut"), null, null)));
    store.close();
    store = null;
    TestCluster.leaveAll(List.of(member));
    member = null;

    Path copy = dataDir.resolve("store");
    Path cutFile = fileOf(copy, "Pod/power/cut\n");
    byte[] whole = Files.readAllBytes(cutFile);
    Files.write(cutFile, Arrays.copyOf(whole, whole.length / 2 + 20));
    Files.write(
        copy.resolve("ffffgarbage.obj"), new byte[] {(byte) 0xff, 0, 1, 2, '\n', (byte) 0xc3, 'x'});

    member = new TestCluster(1).start(vertx, 0);
    store = TestCluster.openStore(vertx, member, dataDir);
    assertEquals(kept.metadata().uid(), await(store.get(ObjectKey.of(kept))).metadata().uid());
    assertEquals(
        alsoKept.metadata().uid(), await(store.get(ObjectKey.of(alsoKept))).metadata().uid());
    assertEquals(StoreException.Reason.NOT_FOUND, failure(store.get(ObjectKey.of(cut))));
    assertEquals(2, store.localView().list("Pod", "power").size());
    try (Stream<Path> aside = Files.list(copy.resolve(DiskCopy.CORRUPT_DIR))) {
      assertEquals(
          List.of("ffffgarbage.obj", cutFile.getFileName().toString()).stream().sorted().toList(),
          aside.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertTrue(Files.notExists(cutFile));
    // The store writes on as usual, the cut object's file is written again when it is re-created.
    await(store.create(new Pod(ObjectMeta.named("power", "cut"), null, null)));
  }

  private static Path fileOf(Path dir, String prefix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        if (Files.readString(file).startsWith(prefix)) {
          return file;
        }
      }
    }
    throw new AssertionError("no file starting " + prefix);
  }
}
