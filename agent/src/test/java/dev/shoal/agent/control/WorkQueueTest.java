package dev.shoal.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WorkQueueTest {

  @Test
  void duplicatesCoalesceAndAKeyIsNeverSyncedTwiceAtOnce(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    Map<String, Promise<Void>> running = new ConcurrentHashMap<>();
    AtomicInteger overlap = new AtomicInteger();
    List<String> calls = new CopyOnWriteArrayList<>();
    WorkQueue<String> queue =
        new WorkQueue<>(
            context,
            new FakeTimer(),
            "test",
            Backoff.DEFAULT,
            4,
            key -> {
              calls.add(key);
              Promise<Void> p = Promise.promise();
              if (running.putIfAbsent(key, p) != null) {
                overlap.incrementAndGet();
              }
              return p.future();
            });
    queue.add("a");
    queue.add("a");
    queue.add("b");
    Eventually.check(() -> running.size() == 2);
    queue.add("a"); // while a runs: marked dirty, runs once more afterwards
    queue.add("a");
    Eventually.check(() -> queue.depth() == 2);
    assertEquals(List.of("a", "b"), calls);
    context.runOnContext(x -> running.remove("a").complete());
    Eventually.check(() -> calls.size() == 3);
    assertEquals("a", calls.get(2));
    assertEquals(0, overlap.get());
    context.runOnContext(
        x -> {
          running.remove("a").complete();
          running.remove("b").complete();
        });
    Eventually.check(() -> queue.depth() == 0);
    assertEquals(3, calls.size());
  }

  @Test
  void failuresRetryWithGrowingBackoffThenResetOnSuccess(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    FakeTimer timer = new FakeTimer();
    List<Duration> times = new CopyOnWriteArrayList<>();
    AtomicInteger failuresLeft = new AtomicInteger(4);
    WorkQueue<String> queue =
        new WorkQueue<>(
            context,
            timer,
            "test",
            new Backoff(Duration.ofMillis(20), Duration.ofMillis(80)),
            1,
            key -> {
              times.add(Duration.between(FakeClock.START, timer.clock().instant()));
              return failuresLeft.getAndDecrement() > 0
                  ? Future.failedFuture("boom")
                  : Future.succeededFuture();
            });
    queue.add("k");
    Await.drain(context);
    timer.advance(Duration.ofSeconds(1));
    Await.drain(context);
    // Retries after 20, 40, 80, 80 (capped) ms of virtual time.
    assertEquals(
        List.of(0L, 20L, 60L, 140L, 220L), times.stream().map(Duration::toMillis).toList());
    assertEquals(0, timer.pending(), "no retry after the success");
    failuresLeft.set(1);
    queue.add("k");
    Await.drain(context);
    assertEquals(List.of(Duration.ofMillis(20)), timer.pendingDelays(), "the back-off starts over");
  }

  @Test
  void theEarliestDelayedRequeueWins(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    FakeTimer timer = new FakeTimer();
    List<String> calls = new CopyOnWriteArrayList<>();
    WorkQueue<String> queue =
        new WorkQueue<>(
            context,
            timer,
            "test",
            Backoff.DEFAULT,
            1,
            key -> {
              calls.add(key);
              return Future.succeededFuture();
            });
    queue.addAfter("k", 600_000);
    queue.addAfter("k", 10);
    Await.drain(context);
    assertEquals(List.of(Duration.ofMillis(10)), timer.pendingDelays());
    timer.advance(Duration.ofMillis(10));
    assertEquals(List.of("k"), calls);
    queue.stop();
  }

  @Test
  void expectationsHoldUntilObservedOrTimedOut() {
    FakeClock clock = new FakeClock();
    Expectations<String> e = new Expectations<>(clock, Duration.ofSeconds(5));
    assertTrue(e.satisfied("rs"));
    e.expect("rs", 2, 0);
    assertTrue(!e.satisfied("rs"));
    e.creationObserved("rs");
    assertTrue(!e.satisfied("rs"));
    e.creationObserved("rs");
    assertTrue(e.satisfied("rs"));
    e.expect("rs", 0, 1);
    clock.advance(Duration.ofSeconds(6));
    assertTrue(e.satisfied("rs"), "a lost event only delays");
  }
}
