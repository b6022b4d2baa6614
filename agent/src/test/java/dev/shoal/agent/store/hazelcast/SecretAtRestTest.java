package dev.shoal.agent.store.hazelcast;

import static dev.shoal.agent.cluster.TestCluster.await;
import static dev.shoal.agent.cluster.TestCluster.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.cluster.TestCluster;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Secret;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Secret written through the store is sealed in the on-disk copy and comes back after a
 * whole-cluster restart.
 */
class SecretAtRestTest {
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
  void theDiskCopyHoldsNeitherTheValueNorItsBase64AndARestartRestoresIt(@TempDir Path dataDir)
      throws Exception {
    String value = "s3cr3t-value-" + System.nanoTime();
    String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    TestCluster cluster = new TestCluster(1);
    member = cluster.start(vertx, 0);
    store = TestCluster.openStore(vertx, member, dataDir);
    Secret created =
        (Secret)
            await(
                store.create(
                    new Secret(
                        ObjectMeta.named("apps", "db"),
                        "Opaque",
                        Map.of("password", base64),
                        null,
                        null)));
    ObjectKey key = ObjectKey.of(created);
    store.close();
    store = null;

    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dataDir.resolve(HazelcastStore.AT_REST_KEY_FILE))));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(
        files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".obj")), files::toString);
    for (Path file : files) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(value), file + " holds the value");
      assertFalse(text.contains(base64), file + " holds its base64");
    }

    TestCluster.leaveAll(List.of(member));
    member = new TestCluster(1).start(vertx, 0);
    store = TestCluster.openStore(vertx, member, dataDir);
    assertTrue(
        eventually(
            Duration.ofSeconds(5), () -> store.localView().list("Secret", "apps").size() == 1));
    Secret restored = (Secret) await(store.get(key));
    assertEquals(value, new String(restored.value("password"), StandardCharsets.UTF_8));
    assertEquals(created.metadata().resourceVersion(), restored.metadata().resourceVersion());
  }
}
