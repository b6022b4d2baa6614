package dev.shoal.agent.control;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The retry state of one thing that can fail: counts failures in a row, says how long to wait
 * before the next try on its {@link Backoff}, and starts over on success. Not thread-safe: keep it
 * on one context.
 */
public final class Retry {

  private final Backoff backoff;
  private final DoubleSupplier random;
  private int failures;

  public Retry(Backoff backoff) {
    this(backoff, null);
  }

  /** {@code random} draws the jitter (values in [0, 1)); null for a thread-local random. */
  public Retry(Backoff backoff, DoubleSupplier random) {
    this.backoff = backoff;
    this.random = random;
  }

  /** Counts a failure; returns how long to wait before the next try. */
  public Duration failed() {
    failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
    return random == null ? backoff.delay(failures) : backoff.delay(failures, random);
  }

  /** A success: the next failure waits the base delay again. */
  public void succeeded() {
    failures = 0;
  }

  /** Failures since the last success. */
  public int failures() {
    return failures;
  }
}
