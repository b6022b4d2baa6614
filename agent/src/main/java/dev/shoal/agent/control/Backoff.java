package dev.shoal.agent.control;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off: {@code base * 2^(failures-1)}, never more than {@code cap}, less up to a
 * {@code jitter} fraction drawn at random (0 = none, 0.2 = between 80 % and 100 % of the delay), so
 * that many loops failing together do not retry in step. {@link Retry} keeps the failure count.
 */
public record Backoff(Duration base, Duration cap, double jitter) {

  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(5), Duration.ofSeconds(30));

  public Backoff {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException(
          "back-off wants 0 < base <= cap, got " + base + " and " + cap);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter is a fraction from 0 to 1, got " + jitter);
    }
  }

  /** Without jitter. */
  public Backoff(Duration base, Duration cap) {
    this(base, cap, 0);
  }

  /** The same delay after every failure. */
  public static Backoff fixed(Duration delay) {
    return new Backoff(delay, delay);
  }

  public Backoff withJitter(double value) {
    return new Backoff(base, cap, value);
  }

  /**
   * The delay before retry number {@code failures} (1 = first retry), jitter drawn from a
   * thread-local random.
   */
  public Duration delay(int failures) {
    return delay(failures, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** As {@link #delay(int)}, with the jitter drawn from {@code random} (values in [0, 1)). */
  public Duration delay(int failures, DoubleSupplier random) {
    int shift = Math.min(Math.max(failures - 1, 0), 40);
    long capNanos = cap.toNanos();
    long nanos =
        base.toNanos() > (capNanos >> shift)
            ? capNanos
            : Math.min(capNanos, base.toNanos() << shift);
    if (jitter > 0) {
      nanos -= (long) (nanos * jitter * random.getAsDouble());
    }
    return Duration.ofNanos(Math.max(1, nanos));
  }
}
