package dev.shoal.agent.control;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Polls a condition until it holds or a deadline passes (tests only; no fixed sleeps). For state
 * that announces no change of its own; where there is an event (a watch, a stream, a future, a
 * close), wait on it instead. The one polling loop of the tests: the helpers of {@code
 * TestCluster}, {@code WorkerFixture} and the smoke tests come here.
 */
public final class Eventually {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Duration EVERY = Duration.ofMillis(5);

  private Eventually() {}

  public interface Check {
    boolean holds() throws Exception;
  }

  public static void check(Check check) throws Exception {
    check(check, DEADLINE, "condition");
  }

  public static void check(Check check, Duration deadline, String what) throws Exception {
    check(check, deadline, EVERY, what);
  }

  /** Polls every {@code every}: for checks that cost a request or more. */
  public static void check(Check check, Duration deadline, Duration every, String what)
      throws Exception {
    poll(check::holds, held -> held, deadline, every, what);
  }

  /** Polls until {@code value} returns non-null. */
  public static <T> T value(Callable<T> value) throws Exception {
    return poll(value, v -> v != null, DEADLINE, EVERY, "a value");
  }

  /** Whether {@code condition} holds within {@code deadline}, polled every {@code every}. */
  public static boolean within(Duration deadline, Duration every, BooleanSupplier condition)
      throws InterruptedException {
    try {
      poll(condition::getAsBoolean, held -> held, deadline, every, "condition");
      return true;
    } catch (AssertionError timedOut) {
      return false;
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception cannotHappen) {
      throw new IllegalStateException(cannotHappen);
    }
  }

  /**
   * Reads {@code get} every {@code every} until {@code done} accepts the value and returns it;
   * fails naming {@code what} and the last value seen when {@code deadline} passes.
   */
  public static <T> T poll(
      Callable<T> get, Predicate<T> done, Duration deadline, Duration every, String what)
      throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      T last = get.call();
      if (done.test(last)) {
        return last;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError(
            what + " did not hold within " + deadline + "; last seen: " + last);
      }
      Thread.sleep(every.toMillis());
    }
  }
}
