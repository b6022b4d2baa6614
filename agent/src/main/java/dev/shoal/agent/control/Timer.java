package dev.shoal.agent.control;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Clock;
import java.time.Duration;

/**
 * What time it is and one-shot timers, as one injectable part: every loop in the agent reads the
 * time and sets its timers through a {@code Timer}, so a test can swap in a fake one and run them
 * on virtual time. Like {@code Vertx.setTimer}, a task runs on the Vert.x context that scheduled
 * it.
 */
public interface Timer {

  /** The clock this timer's delays are measured on. */
  Clock clock();

  /**
   * Runs {@code task} once after {@code delay} (at least about a millisecond), on the calling
   * context.
   */
  Scheduled schedule(Duration delay, Runnable task);

  /** A future that completes after {@code delay}, on the calling context. */
  default Future<Void> after(Duration delay) {
    Promise<Void> elapsed = Promise.promise();
    schedule(delay, elapsed::complete);
    return elapsed.future();
  }

  /** Vert.x timers and the system clock (UTC). */
  static Timer system() {
    return VertxTimer.SYSTEM;
  }

  /** Vert.x timers, with times read from {@code clock}. */
  static Timer system(Clock clock) {
    return new VertxTimer(clock);
  }

  /** A scheduled task; cancelling one that has run already does nothing. */
  @FunctionalInterface
  interface Scheduled {
    void cancel();
  }
}
