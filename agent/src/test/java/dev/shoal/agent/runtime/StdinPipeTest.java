package dev.shoal.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stdin pipe: bytes in order, the end after them, and the writer told to wait and to go on. */
class StdinPipeTest {
  final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void bytesThenTheEnd() throws Exception {
    StdinPipe pipe = new StdinPipe(vertx.getOrCreateContext());
    assertTrue(pipe.offer(Buffer.buffer("one\n"), () -> {}));
    assertTrue(pipe.offer(Buffer.buffer("two\n"), () -> {}));
    pipe.close();
    assertEquals("one\ntwo\n", new String(pipe.readAllBytes()));
    assertEquals(-1, pipe.read());
  }

  @Test
  void aFullPipeAsksTheWriterToWaitAndWakesItWhenRead() throws Exception {
    StdinPipe pipe = new StdinPipe(vertx.getOrCreateContext());
    CompletableFuture<Void> woken = new CompletableFuture<>();
    boolean room =
        pipe.offer(Buffer.buffer(new byte[StdinPipe.HIGH_WATER + 1]), () -> woken.complete(null));
    assertFalse(room, "past the bound the writer is told to wait");
    assertFalse(woken.isDone());
    byte[] into = new byte[StdinPipe.HIGH_WATER + 1];
    int read = 0;
    while (read < into.length) {
      read += pipe.read(into, read, into.length - read);
    }
    woken.get(10, TimeUnit.SECONDS);
  }

  @Test
  void abortEndsAtOnce() throws Exception {
    StdinPipe pipe = new StdinPipe(vertx.getOrCreateContext());
    pipe.offer(Buffer.buffer("dropped"), () -> {});
    pipe.abort();
    assertEquals(-1, pipe.read(new byte[8], 0, 8));
  }
}
