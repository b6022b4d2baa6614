package dev.shoal.agent.control;

import java.time.Duration;

/** Exponential back-off: {@code base * 2^(failures-1)}, never more than {@code cap}. */
public record Backoff(Duration base, Duration cap) {

  public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(5), Duration.ofSeconds(30));

  /** The delay before retry number {@code failures} (1 = first retry). */
  public long delayMillis(int failures) {
    int shift = Math.min(Math.max(failures - 1, 0), 30);
    long delay = base.toMillis() << shift;
    return Math.max(1, Math.min(delay < 0 ? Long.MAX_VALUE : delay, cap.toMillis()));
  }
}
