package dev.shoal.e2e;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition by asking again every quarter second. A probe that throws counts as "not
 * yet" (an agent may refuse requests while it restarts or is cut off). On timeout the last
 * observation is reported.
 */
public final class Poll {
  private static final long INTERVAL_MS = 250;

  private Poll() {}

  /** Returns the first observation that satisfies {@code done}. */
  public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
    return stable(what, timeout, Duration.ZERO, probe, done);
  }

  /** Returns the last observation once {@code done} has held for {@code hold} without a break. */
  public static <T> T stable(
      String what, Duration timeout, Duration hold, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long heldSince = -1;
    Object last = "(no observation)";
    while (true) {
      long now = System.nanoTime();
      try {
        T value = probe.get();
        last = value;
        if (done.test(value)) {
          if (heldSince < 0) {
            heldSince = now;
          }
          if (now - heldSince >= hold.toNanos()) {
            return value;
          }
        } else {
          heldSince = -1;
        }
      } catch (RuntimeException e) {
        last = e;
        heldSince = -1;
      }
      if (now > deadline) {
        throw new AssertionError(
            "timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + "; last observed: "
                + last);
      }
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
