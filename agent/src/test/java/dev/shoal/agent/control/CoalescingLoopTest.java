package dev.shoal.agent.control;

import static dev.shoal.agent.control.Await.await;
import static dev.shoal.agent.control.Await.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CoalescingLoopTest {

  private final FakeTimer timer = new FakeTimer();

  /** A pass the test finishes by hand, counting how many run at once. */
  private static final class Passes {
    final List<Promise<Void>> started = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    Future<?> run() {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      Promise<Void> pass = Promise.promise();
      started.add(pass);
      return pass.future().onComplete(done -> running.decrementAndGet());
    }

    void finish(int index, Context context) throws Exception {
      context.runOnContext(x -> started.get(index).complete());
      drain(context);
    }
  }

  @Test
  void requestsDuringAPassCollapseIntoOneMorePassAndEachCompletesWithAPassStartedAfterIt(
      Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    Passes passes = new Passes();
    CoalescingLoop loop =
        new CoalescingLoop(context, timer, "test", passes::run, null, Backoff.DEFAULT);
    Future<Void> first = loop.trigger();
    drain(context);
    assertEquals(1, passes.started.size());
    List<Future<Void>> meanwhile = List.of(loop.trigger(), loop.trigger(), loop.trigger());
    drain(context);
    assertEquals(1, passes.started.size(), "no second pass while one runs");

    passes.finish(0, context);
    assertTrue(first.succeeded());
    assertEquals(2, passes.started.size(), "one more pass for the three requests");
    assertTrue(
        meanwhile.stream().noneMatch(Future::isComplete),
        "the requests wait for the pass that started after them");
    passes.finish(1, context);
    assertTrue(meanwhile.stream().allMatch(Future::succeeded));
    assertEquals(2, passes.started.size());
    assertEquals(1, passes.mostAtOnce.get());
  }

  @Test
  void underRandomRequestsAndCompletionsNoPassOverlapsAndNoRequestIsLost(Vertx vertx)
      throws Exception {
    Context context = vertx.getOrCreateContext();
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      Passes passes = new Passes();
      CoalescingLoop loop =
          new CoalescingLoop(context, timer, "test", passes::run, null, Backoff.DEFAULT);
      List<Future<Void>> requests = new ArrayList<>();
      List<Integer> passesStartedBefore = new ArrayList<>();
      List<Integer> coveringPass = new CopyOnWriteArrayList<>();
      AtomicInteger finishing = new AtomicInteger(-1);
      int finished = 0;
      for (int step = 0; step < 200; step++) {
        if (random.nextInt(3) > 0 || finished == passes.started.size()) {
          drain(context);
          passesStartedBefore.add(passes.started.size());
          int index = requests.size();
          coveringPass.add(-1);
          requests.add(loop.trigger().onComplete(done -> coveringPass.set(index, finishing.get())));
        } else {
          finishing.set(finished);
          passes.finish(finished++, context);
        }
      }
      drain(context);
      while (finished < passes.started.size()) {
        finishing.set(finished);
        passes.finish(finished++, context);
      }
      assertEquals(1, passes.mostAtOnce.get(), "seed " + seed);
      for (int i = 0; i < requests.size(); i++) {
        assertTrue(
            requests.get(i).succeeded(), "seed " + seed + ": request " + i + " never served");
        assertTrue(
            coveringPass.get(i) >= passesStartedBefore.get(i),
            "seed " + seed + ": request " + i + " completed by a pass that had started before it");
      }
    }
  }

  @Test
  void aFailedPassIsRetriedWithDoublingBackoffThatResetsOnSuccess(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger failuresLeft = new AtomicInteger(2);
    CoalescingLoop loop =
        new CoalescingLoop(
            context,
            timer,
            "test",
            () -> {
              calls.incrementAndGet();
              return failuresLeft.getAndDecrement() > 0
                  ? Future.failedFuture("boom")
                  : Future.succeededFuture();
            },
            null,
            new Backoff(Duration.ofMillis(100), Duration.ofMillis(150)));
    assertTrue(awaitFailed(loop.start()), "start completes with the first pass");
    drain(context);
    assertEquals(1, calls.get());
    assertEquals(List.of(Duration.ofMillis(100)), timer.pendingDelays());
    timer.advance(Duration.ofMillis(99));
    assertEquals(1, calls.get(), "not before the back-off");
    timer.advance(Duration.ofMillis(1));
    drain(context);
    assertEquals(2, calls.get());
    assertEquals(List.of(Duration.ofMillis(150)), timer.pendingDelays(), "doubled, then capped");
    timer.advance(Duration.ofMillis(150));
    drain(context);
    assertEquals(3, calls.get());
    assertEquals(0, timer.pending(), "a success leaves no retry");

    failuresLeft.set(1);
    await(loop.trigger().otherwise((Void) null));
    drain(context);
    assertEquals(
        List.of(Duration.ofMillis(100)),
        timer.pendingDelays(),
        "the back-off starts over after a success");
  }

  private static boolean awaitFailed(Future<Void> f) throws Exception {
    return await(f.transform(done -> Future.succeededFuture(done.failed())));
  }

  @Test
  void theTickAsksForAPassEveryPeriodAndStopWaitsForThePassInFlight(Vertx vertx) throws Exception {
    Context context = vertx.getOrCreateContext();
    Passes passes = new Passes();
    CoalescingLoop loop =
        new CoalescingLoop(
            context, timer, "test", passes::run, Duration.ofSeconds(1), Backoff.DEFAULT);
    loop.start();
    drain(context);
    assertEquals(1, passes.started.size());
    passes.finish(0, context);
    timer.advance(Duration.ofMillis(999));
    assertEquals(1, passes.started.size());
    timer.advance(Duration.ofMillis(1));
    drain(context);
    assertEquals(2, passes.started.size());

    Future<Void> stopped = loop.stop();
    drain(context);
    assertFalse(stopped.isComplete(), "stop waits for the pass in flight");
    passes.finish(1, context);
    assertTrue(stopped.succeeded());
    timer.advance(Duration.ofSeconds(10));
    assertTrue(awaitFailed(loop.trigger()), "a stopped loop refuses requests");
    assertEquals(2, passes.started.size());
    assertEquals(0, timer.pending());
  }
}
