package dev.shoal.agent.runtime.docker;

import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.ShoalLabels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * Tests of {@link DockerRuntime} against the real engine: one runtime per class, and every
 * container a test made (labelled with its pod uid {@link #uid}) removed after it.
 */
@Tag("docker")
abstract class RealEngineTest {
  static Vertx vertx;
  static DockerRuntime runtime;
  final String uid;

  RealEngineTest(String uidPrefix) {
    this.uid = uidPrefix + UUID.randomUUID();
  }

  @BeforeAll
  static void connect() throws Exception {
    TestImages.ensure();
    vertx = Vertx.vertx();
    runtime = await(DockerRuntime.connect(vertx, DockerConfig.fromEnvironment()));
  }

  @AfterAll
  static void close() {
    await(runtime.close());
    await(vertx.close());
  }

  @AfterEach
  void cleanUp() {
    for (ContainerSummary c : await(runtime.list(Map.of(ShoalLabels.POD_UID, uid)))) {
      await(runtime.remove(c.id()));
    }
  }

  /** The labels of this test's container {@code container}. */
  Map<String, String> labels(String container) {
    return Map.of(ShoalLabels.POD_UID, uid, ShoalLabels.CONTAINER, container);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
