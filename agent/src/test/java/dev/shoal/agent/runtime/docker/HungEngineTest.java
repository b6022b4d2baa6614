package dev.shoal.agent.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shoal.agent.runtime.RuntimeFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An engine that accepts calls and never answers must not take the runtime's threads for good:
 * every call fails as TEMPORARY by its timeout, more calls than threads included, and once the
 * engine answers again the next call goes through (the threads were given back). Over a unix socket
 * and over TCP.
 */
class HungEngineTest {
  private static final int THREADS = 2;
  private static final Duration TIMEOUT = Duration.ofMillis(1500);

  private Vertx vertx;
  private Path dir;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    dir = Files.createTempDirectory("hung-engine");
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    Files.deleteIfExists(dir);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"unix", "tcp"})
  void hungCallsFailByTheirTimeoutAndGiveTheirThreadsBack(String transport) throws Exception {
    try (FakeEngine engine = transport.equals("unix") ? FakeEngine.unix(dir) : FakeEngine.tcp()) {
      DockerRuntime runtime =
          await(
              DockerRuntime.connect(
                  vertx, new DockerConfig(engine.dockerHost(), null, TIMEOUT, THREADS)));
      try {
        engine.hang = true;
        long started = System.nanoTime();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 3 * THREADS; i++) {
          calls.add(runtime.list(Map.of()));
        }
        for (Future<?> call : calls) {
          RuntimeFailure failure = failureOf(call);
          assertEquals(RuntimeFailure.Kind.TEMPORARY, failure.kind(), failure.toString());
          assertTrue(failure.getMessage().contains("did not answer within"), failure.getMessage());
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        // Each call's clock starts when it is made, queued ones included; the bound leaves room for
        // a busy machine.
        assertTrue(
            tookMs < TIMEOUT.toMillis() + 10_000,
            "all calls failed within their timeout, took " + tookMs + " ms");
        assertTrue(engine.hungRequests.get() >= 1, "the calls reached the engine");

        engine.hang = false;
        assertEquals(
            List.of(),
            await(runtime.list(Map.of())),
            "a call after the hang is served: threads are free");
        engine.awaitHungConnectionsClosed(Duration.ofSeconds(20));
        assertEquals(
            engine.hungRequests.get(),
            engine.hungConnectionsClosedByClient.get(),
            "every hung connection was closed by the runtime");
      } finally {
        await(runtime.close());
      }
    }
  }

  private static RuntimeFailure failureOf(Future<?> call) throws Exception {
    try {
      call.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeFailure f) {
        return f;
      }
      throw e;
    }
    return fail("the call to a hung engine succeeded");
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }
}
