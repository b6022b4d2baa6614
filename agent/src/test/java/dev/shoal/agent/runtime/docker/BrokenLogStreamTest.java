package dev.shoal.agent.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.LogOptions;
import dev.shoal.agent.runtime.LogStream;
import dev.shoal.agent.runtime.RuntimeFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A log stream the engine cuts off mid-way (one line, then the connection goes without the last
 * chunk) fails the stream with a TEMPORARY failure after the line it delivered; the whole-text read
 * fails too instead of handing back part of the log as if it were all of it.
 */
class BrokenLogStreamTest {

  @Test
  void aLogThatBreaksOffFailsAfterWhatItDelivered() throws Exception {
    Vertx vertx = Vertx.vertx();
    Path dir = Files.createTempDirectory("broken-log");
    try (FakeEngine engine = FakeEngine.unix(dir)) {
      DockerRuntime runtime =
          await(
              DockerRuntime.connect(
                  vertx, new DockerConfig(engine.dockerHost(), null, Duration.ofSeconds(10), 2)));
      LogStream stream = await(runtime.streamLogs("c1", LogOptions.ALL));
      StringBuilder seen = new StringBuilder();
      Promise<Throwable> failed = Promise.promise();
      vertx.runOnContext(
          v ->
              stream
                  .exceptionHandler(failed::tryComplete)
                  .endHandler(
                      end -> failed.tryFail("the stream ended as if complete after: " + seen))
                  .handler(chunk -> seen.append(chunk.toString())));
      Throwable failure = await(failed.future());
      assertEquals("line one\n", seen.toString());
      assertTrue(
          failure instanceof RuntimeFailure f && f.kind() == RuntimeFailure.Kind.TEMPORARY,
          failure.toString());
      assertTrue(failure.getMessage().startsWith("log of c1: "), failure.getMessage());

      try {
        await(runtime.logs("c1", null));
        throw new AssertionError("a broken log read yielded text");
      } catch (RuntimeFailure e) {
        assertEquals(RuntimeFailure.Kind.TEMPORARY, e.kind(), e.toString());
      }
      await(runtime.close());
    } finally {
      await(vertx.close());
      Files.deleteIfExists(dir);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception c ? c : e;
    }
  }
}
