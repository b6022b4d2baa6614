package dev.shoal.agent.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.FakeTimer;
import dev.shoal.manifests.model.ExecAction;
import dev.shoal.manifests.model.Probe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A probe's timing on virtual time ({@link FakeTimer}): the first attempt after {@code
 * initialDelaySeconds}, then one per {@code periodSeconds}, the verdict flipping at {@code
 * failureThreshold} failures in a row, an attempt still running making the next one skip, nothing
 * after stop.
 */
class ProbeTimingTest {

  private final FakeTimer timer = new FakeTimer();
  private final Instant start = timer.clock().instant();
  private final List<Duration> attempts = new ArrayList<>();
  private int changes;

  private static Probe probe(int initialDelay, int period, int failureThreshold) {
    return new Probe(
        new ExecAction(List.of("true")), null, null, initialDelay, period, 1, failureThreshold, 1);
  }

  /** A check that records when it ran and answers {@code result}. */
  private ProbeCheck answering(ProbeCheck.Result result) {
    return () -> {
      attempts.add(Duration.between(start, timer.clock().instant()));
      return Future.succeededFuture(result);
    };
  }

  private ProbeWorker worker(Probe probe, ProbeCheck check, boolean initiallyPassing) {
    return new ProbeWorker(timer, probe, check, initiallyPassing, () -> changes++, why -> {});
  }

  private void advanceTo(Duration sinceStart) {
    timer.advance(Duration.between(timer.clock().instant(), start.plus(sinceStart)));
  }

  @Test
  void theFirstAttemptWaitsTheInitialDelayThenOneRunsEveryPeriod() {
    ProbeWorker w = worker(probe(5, 10, 3), answering(ProbeCheck.Result.OK), true);
    w.start();
    advanceTo(Duration.ofMillis(4_999));
    assertEquals(List.of(), attempts, "nothing before the initial delay");
    advanceTo(Duration.ofSeconds(45));
    assertEquals(
        List.of(
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            Duration.ofSeconds(25),
            Duration.ofSeconds(35),
            Duration.ofSeconds(45)),
        attempts);
    w.stop();
  }

  @Test
  void aLivenessProbeFailsAtTheFailureThresholdAndNotBefore() {
    ProbeWorker w =
        worker(probe(0, 2, 3), answering(ProbeCheck.Result.failed("exit code 1")), true);
    w.start();
    // Attempts at 0 s, 2 s and 4 s: the third failure in a row flips the verdict.
    advanceTo(Duration.ofMillis(3_999));
    assertTrue(w.passing(), "two failures of three: " + attempts);
    assertEquals(0, changes);
    advanceTo(Duration.ofSeconds(4));
    assertFalse(w.passing(), "three failures in a row: " + attempts);
    assertEquals(1, changes);
    assertEquals("exit code 1", w.failure());
    advanceTo(Duration.ofSeconds(20));
    assertEquals(1, changes, "later failures with the same reason change nothing");
    assertEquals(11, attempts.size(), "one attempt per period: " + attempts);
    w.stop();
  }

  @Test
  void aReadinessProbeNeedsSuccessThresholdSuccessesInARow() {
    Probe probe =
        new Probe(new ExecAction(List.of("true")), null, null, 0, 1, 1, 3, 2); // successThreshold 2
    ProbeWorker w = worker(probe, answering(ProbeCheck.Result.OK), false);
    w.start();
    advanceTo(Duration.ZERO);
    assertFalse(w.passing(), "one success of two");
    advanceTo(Duration.ofSeconds(1));
    assertTrue(w.passing(), "two successes in a row");
    assertEquals(1, changes);
    w.stop();
  }

  @Test
  void anAttemptStillRunningMakesTheNextSkipAndTheOneAfterRunsOnTime() {
    List<Promise<ProbeCheck.Result>> running = new ArrayList<>();
    ProbeCheck slow =
        () -> {
          attempts.add(Duration.between(start, timer.clock().instant()));
          Promise<ProbeCheck.Result> answer = Promise.promise();
          running.add(answer);
          return answer.future();
        };
    ProbeWorker w = worker(probe(0, 10, 3), slow, true);
    w.start();
    advanceTo(Duration.ofSeconds(25));
    assertEquals(List.of(Duration.ZERO), attempts, "the ticks at 10 s and 20 s found it running");
    running.get(0).complete(ProbeCheck.Result.OK);
    advanceTo(Duration.ofSeconds(29));
    assertEquals(1, attempts.size(), "no catch-up attempt when the slow one ends");
    advanceTo(Duration.ofSeconds(30));
    assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(30)), attempts);
    w.stop();
  }

  @Test
  void aStoppedWorkerLeavesNoTimerAndMakesNoAttempt() {
    ProbeWorker w = worker(probe(1, 1, 3), answering(ProbeCheck.Result.OK), true);
    w.start();
    advanceTo(Duration.ofSeconds(3));
    assertEquals(3, attempts.size());
    w.stop();
    assertEquals(0, timer.pending(), "the next attempt's timer is cancelled");
    advanceTo(Duration.ofSeconds(60));
    assertEquals(3, attempts.size());
  }
}
