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
    WorkQueue<String> queue = new WorkQueue<>(vertx, context, "test", Backoff.DEFAULT, 4, key -> {
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
    context.runOnContext(x -> {
      running.remove("a").complete();
      running.remove("b").complete();
    });
    Eventually.check(() -> queue.depth() == 0);
    assertEquals(3, calls.size());
  }

  @Test
  void failuresRetryWithGrowingBackoffThenResetOnSuccess(Vertx vertx) throws Exception {
    List<Long> times = new CopyOnWriteArrayList<>();
    AtomicInteger failuresLeft = new AtomicInteger(4);
    WorkQueue<String> queue = new WorkQueue<>(vertx, vertx.getOrCreateContext(), "test",
        new Backoff(Duration.ofMillis(20), Duration.ofMillis(80)), 1, key -> {
          times.add(System.nanoTime());
          return failuresLeft.getAndDecrement() > 0 ? Future.failedFuture("boom") : Future.succeededFuture();
        });
    queue.add("k");
    Eventually.check(() -> times.size() == 5);
    // Gaps follow 20, 40, 80, 80 (capped) ms; check the order, not the speed.
    long first = times.get(1) - times.get(0);
    long third = times.get(3) - times.get(2);
    assertTrue(first >= Duration.ofMillis(20).toNanos(), "first retry waited " + first);
    assertTrue(third >= Duration.ofMillis(80).toNanos(), "third retry waited " + third);
    assertEquals(80, new Backoff(Duration.ofMillis(20), Duration.ofMillis(80)).delayMillis(30));
  }

  @Test
  void theEarliestDelayedRequeueWins(Vertx vertx) throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    WorkQueue<String> queue = new WorkQueue<>(vertx, vertx.getOrCreateContext(), "test", Backoff.DEFAULT, 1, key -> {
      calls.add(key);
      return Future.succeededFuture();
    });
    queue.addAfter("k", 600_000);
    queue.addAfter("k", 10);
    Eventually.check(() -> calls.size() == 1);
    queue.stop();
  }

  @Test
  void expectationsHoldUntilObservedOrTimedOut() {
    MutableClock clock = new MutableClock();
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

  static final class MutableClock extends java.time.Clock {
    private java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
