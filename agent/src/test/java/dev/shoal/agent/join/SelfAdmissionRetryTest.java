package dev.shoal.agent.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.config.ConfigLoader;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.tls.ClusterSecret;
import dev.shoal.manifests.model.Node;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recording this node's admission on its Node object, which may not exist yet when the node joins:
 * tried again every second of virtual time ({@link FakeTimer}), for 30 s, then given up with a
 * warning rather than failing the start.
 */
@ExtendWith(VertxExtension.class)
class SelfAdmissionRetryTest {

  private final FakeTimer timer = new FakeTimer();
  private final InMemoryStore store = new InMemoryStore();

  private MemberAdmission admission(Vertx vertx) throws Exception {
    return new MemberAdmission(
        vertx,
        timer,
        ConfigLoader.load(
            List.of(
                "--node-name",
                "h1",
                "--data-dir",
                "/tmp/shoal-admission-test",
                "--firewall",
                "false"),
            Map.of()),
        ClusterSecret.of("the-cluster-join-secret"),
        "192.0.2.11");
  }

  /** Starts {@code afterJoining} on a Vert.x context, as the agent does. */
  private Future<Void> afterJoining(Vertx vertx, MemberAdmission admission) {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> admission.afterJoining(store).onComplete(done));
    return done.future();
  }

  private void untilRetryWaits() throws Exception {
    Eventually.check(() -> timer.pending() == 1, Duration.ofSeconds(10), "a retry to wait");
  }

  @Test
  void aNodeObjectThatAppearsLaterGetsTheAdmissionOnTheNextSecond(Vertx vertx) throws Exception {
    MemberAdmission admission = admission(vertx);
    Future<Void> done = afterJoining(vertx, admission);
    for (int i = 0; i < 3; i++) {
      untilRetryWaits();
      assertEquals(List.of(Duration.ofSeconds(1)), timer.pendingDelays());
      timer.advance(Duration.ofSeconds(1));
    }
    untilRetryWaits();
    assertFalse(done.isComplete(), "still trying while the Node object is missing");
    await(store.create(TestObjects.node("h1", "4", "8Gi", timer.clock().instant())));
    timer.advance(Duration.ofSeconds(1));
    await(done);
    Node node = (Node) await(store.get(new ObjectKey(Node.KIND, "", "h1")));
    assertEquals("192.0.2.11", node.metadata().annotations().get(AdmittedMembers.ANNOTATION));
    await(admission.stop(false));
  }

  @Test
  void aNodeObjectThatNeverAppearsIsGivenUpAfterThirtySeconds(Vertx vertx) throws Exception {
    MemberAdmission admission = admission(vertx);
    Future<Void> done = afterJoining(vertx, admission);
    int retries = 0;
    while (!done.isComplete()) {
      Eventually.check(
          () -> done.isComplete() || timer.pending() == 1, Duration.ofSeconds(10), "the next try");
      if (!done.isComplete()) {
        timer.advance(Duration.ofSeconds(1));
        retries++;
      }
    }
    assertTrue(done.succeeded(), "the start goes on without the record");
    assertEquals(30, retries, "one try, then 30 more a second apart");
    await(admission.stop(false));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
