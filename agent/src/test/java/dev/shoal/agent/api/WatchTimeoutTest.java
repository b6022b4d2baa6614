package dev.shoal.agent.api;

import static dev.shoal.agent.api.ApiFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.FakeTimer;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.manifests.model.Pod;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A watch's {@code timeoutSeconds} on virtual time: the stream of a real HTTP response ends when
 * the {@link FakeTimer} reaches the timeout, not a millisecond before; no timeout sets no timer,
 * and a client that leaves first takes the timer with it.
 */
@ExtendWith(VertxExtension.class)
class WatchTimeoutTest {

  private final FakeTimer timer = new FakeTimer();
  private final InMemoryStore store = new InMemoryStore();
  private Vertx vertx;
  private HttpServer server;
  private HttpClient client;

  /** The stream of the latest request, once started; completes with its close. */
  private Promise<Promise<Void>> started;

  private long timeoutSeconds;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      WatchStream stream = new WatchStream(timer, request.response(), p -> true);
                      Promise<Void> closed = Promise.promise();
                      stream.whenClosed(closed::tryComplete);
                      stream
                          .start(
                              (since, sink) -> store.watch(Pod.KIND, "default", since, sink),
                              List.of(),
                              0,
                              timeoutSeconds)
                          .onComplete(done -> started.complete(closed));
                    })
                .listen(0, "127.0.0.1"));
    client = vertx.createHttpClient();
  }

  @AfterEach
  void stop() throws Exception {
    await(client.close());
    await(server.close());
  }

  /** Opens a watch; returns the response (headers arrived) once the server's stream started. */
  private HttpClientResponse open(long timeout) throws Exception {
    timeoutSeconds = timeout;
    started = Promise.promise();
    HttpClientResponse response =
        await(
            client
                .request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/watch")
                .compose(r -> r.send()));
    assertEquals(200, response.statusCode());
    return response;
  }

  @Test
  void theStreamEndsAtTheTimeoutOnVirtualTime() throws Exception {
    HttpClientResponse response = open(30);
    Future<Buffer> body = response.body();
    Promise<Void> closed = await(started.future());
    assertEquals(List.of(Duration.ofSeconds(30)), timer.pendingDelays(), "one timer, 30 s");

    timer.advance(Duration.ofSeconds(30).minusMillis(1));
    assertFalse(closed.future().isComplete(), "still open a millisecond before the timeout");
    timer.advance(Duration.ofMillis(1));
    assertTrue(closed.future().isComplete(), "ended at the timeout");
    assertEquals("", await(body).toString(), "the client sees the stream end, nothing in it");
  }

  @Test
  void noTimeoutSetsNoTimerAndAClientThatLeavesTakesItsTimerAlong() throws Exception {
    open(0);
    await(started.future());
    assertEquals(0, timer.pending(), "timeoutSeconds 0: the stream stays open");

    HttpClientResponse response = open(60);
    Promise<Void> closed = await(started.future());
    assertEquals(1, timer.pending());
    response.request().connection().close();
    await(closed.future());
    assertEquals(0, timer.pending(), "the timer of a stream the client closed is cancelled");
  }
}
