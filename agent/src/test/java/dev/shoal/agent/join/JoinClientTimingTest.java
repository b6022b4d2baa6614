package dev.shoal.agent.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.tls.ClusterSecret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The joiner's patience on virtual time ({@link FakeTimer}), against a real seed API on loopback: a
 * seed that is not up yet is asked again every 500 ms until it admits the node, one that never
 * admits is given up after the patience, one that refuses the secret fails the join at once.
 */
@ExtendWith(VertxExtension.class)
class JoinClientTimingTest {

  private static final String SEED = "127.0.0.1";
  private static final String JOINER = "127.0.0.2";
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final FakeTimer timer = new FakeTimer();
  private final JoinProof proof = new JoinProof(ClusterSecret.of("the-cluster-join-secret"));
  private final AtomicInteger asks = new AtomicInteger();

  /** What the seed answers now: 503 (still starting), 403, or the real handshake. */
  private final AtomicReference<String> seedState = new AtomicReference<>("starting");

  private final Set<String> admittedBySeed = ConcurrentHashMap.newKeySet();
  private HttpServer seed;
  private JoinClient client;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    JoinHandler handshake = new JoinHandler(proof, admittedBySeed::add, timer.clock());
    router
        .post("/cluster/join")
        .handler(
            ctx -> {
              asks.incrementAndGet();
              switch (seedState.get()) {
                case "starting" -> ctx.response().setStatusCode(503).end();
                case "refusing" -> ctx.response().setStatusCode(403).end();
                default -> handshake.handle(ctx);
              }
            });
    seed = await(vertx.createHttpServer().requestHandler(router).listen(0, SEED));
    client = new JoinClient(vertx, timer, proof, "h2", JOINER, seed.actualPort(), false);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    await(seed.close());
  }

  /** Waits (in real time) until the client has had its answer and set its next pause. */
  private void untilWaitingAfter(int asked) throws Exception {
    Eventually.check(
        () -> asks.get() == asked && timer.pending() == 1,
        Duration.ofSeconds(10),
        "the client to wait after ask " + asked);
  }

  @Test
  void aSeedThatIsStillStartingIsAskedEvery500msUntilItAdmits() throws Exception {
    Set<String> admitted = ConcurrentHashMap.newKeySet();
    Future<Void> joined = client.join(List.of(SEED), PATIENCE, admitted::add);
    untilWaitingAfter(1);
    assertEquals(List.of(Duration.ofMillis(500)), timer.pendingDelays());
    timer.advance(Duration.ofMillis(499));
    assertEquals(1, asks.get(), "not asked again before 500 ms");
    timer.advance(Duration.ofMillis(1));
    untilWaitingAfter(2);

    seedState.set("up");
    timer.advance(Duration.ofMillis(500));
    await(joined);
    assertEquals(3, asks.get());
    assertEquals(Set.of(SEED), admitted, "the seed proved itself");
    assertEquals(Set.of(JOINER), admittedBySeed, "and admitted the joiner");
  }

  @Test
  void aSeedThatNeverAdmitsIsGivenUpAfterThePatience() throws Exception {
    Future<Void> joined = client.join(List.of(SEED), PATIENCE, seed -> {});
    int asked = 1;
    while (!joined.isComplete()) {
      int now = asked;
      Eventually.check(
          () -> joined.isComplete() || (asks.get() == now && timer.pending() == 1),
          Duration.ofSeconds(10),
          "ask " + now + " answered");
      if (!joined.isComplete()) {
        timer.advance(Duration.ofMillis(500));
        asked++;
      }
    }
    assertTrue(joined.succeeded(), "no seed: this node starts the cluster");
    // Asked at 0, 0.5, ..., 10 s and once more after the deadline passed.
    assertEquals(22, asks.get());
  }

  @Test
  void aSeedThatRefusesTheSecretFailsTheJoinAtOnce() throws Exception {
    seedState.set("refusing");
    Future<Void> joined = client.join(List.of(SEED), PATIENCE, seed -> {});
    Throwable failure =
        joined
            .toCompletionStage()
            .toCompletableFuture()
            .handle((v, e) -> e)
            .get(10, TimeUnit.SECONDS);
    assertInstanceOf(
        JoinClient.RefusedException.class,
        failure.getCause() == null ? failure : failure.getCause());
    assertEquals(1, asks.get());
    assertEquals(0, timer.pending(), "no retry after a refusal");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
