package dev.shoal.agent.control;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a deadline passes (tests only; no fixed sleeps). */
public final class Eventually {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private Eventually() {}

  public interface Check {
    boolean holds() throws Exception;
  }

  public static void check(Check check) throws Exception {
    check(check, DEADLINE, "condition");
  }

  public static void check(Check check, Duration deadline, String what) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() > end) {
        throw new AssertionError(what + " did not hold within " + deadline);
      }
      Thread.sleep(5);
    }
  }

  /** Polls until {@code value} returns non-null. */
  public static <T> T value(Callable<T> value) throws Exception {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      T v = value.call();
      if (v != null) {
        return v;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("no value within " + DEADLINE);
      }
      Thread.sleep(5);
    }
  }
}
