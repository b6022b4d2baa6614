package dev.shoal.agent.control;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for a burst of {@link #signal}s to settle, then runs the action once: when no signal came
 * for {@code settle}, or {@code maxDelay} after the burst's first signal, whichever is sooner. The
 * action never runs twice at once: signals that arrive while it runs make the next burst, judged
 * when it ends (so a burst that began during a long run may fire as soon as it ends). All timing
 * goes through the {@link Timer}.
 */
public final class Debounce {

  private static final Logger LOG = LoggerFactory.getLogger(Debounce.class);

  private final Context context;
  private final Timer timer;
  private final String name;
  private final Duration settle;
  private final Duration maxDelay;
  private final Supplier<Future<?>> action;
  private Instant firstSignal;
  private Instant lastSignal;
  private Timer.Scheduled check;
  private boolean running;
  private boolean stopped;

  public Debounce(
      Context context,
      Timer timer,
      String name,
      Duration settle,
      Duration maxDelay,
      Supplier<Future<?>> action) {
    this.context = context;
    this.timer = timer;
    this.name = name;
    this.settle = settle;
    this.maxDelay = maxDelay.compareTo(settle) < 0 ? settle : maxDelay;
    this.action = action;
  }

  /** One event of a burst; safe from any thread. */
  public void signal() {
    Contexts.run(
        context,
        () -> {
          if (stopped) {
            return;
          }
          Instant now = timer.clock().instant();
          lastSignal = now;
          if (firstSignal == null) {
            firstSignal = now;
          }
          if (!running && check == null) {
            check = timer.schedule(settle, this::check);
          }
        });
  }

  /** Drops the burst waiting, if any; the action in flight finishes on its own. */
  public void stop() {
    Contexts.run(
        context,
        () -> {
          stopped = true;
          if (check != null) {
            check.cancel();
            check = null;
          }
        });
  }

  private void check() {
    check = null;
    if (stopped || running || firstSignal == null) {
      return;
    }
    Instant now = timer.clock().instant();
    Duration quiet = Duration.between(lastSignal, now);
    Duration waited = Duration.between(firstSignal, now);
    if (quiet.compareTo(settle) >= 0 || waited.compareTo(maxDelay) >= 0) {
      fire();
      return;
    }
    Duration untilQuiet = settle.minus(quiet);
    Duration untilMax = maxDelay.minus(waited);
    check = timer.schedule(untilQuiet.compareTo(untilMax) < 0 ? untilQuiet : untilMax, this::check);
  }

  private void fire() {
    firstSignal = null;
    lastSignal = null;
    running = true;
    Future<?> done;
    try {
      done = action.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(
        result ->
            Contexts.run(
                context,
                () -> {
                  running = false;
                  if (result.failed()) {
                    LOG.warn("{}: action failed: {}", name, result.cause().toString());
                  }
                  check();
                }));
  }
}
