package dev.shoal.agent.control;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

/** {@link Timer} on Vert.x timers of the calling context's Vert.x instance. */
final class VertxTimer implements Timer {

  static final VertxTimer SYSTEM = new VertxTimer(Clock.systemUTC());

  private final Clock clock;

  VertxTimer(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Scheduled schedule(Duration delay, Runnable task) {
    Context context = Vertx.currentContext();
    if (context == null) {
      throw new IllegalStateException(
          "a timer is set from a Vert.x context, and its task runs there");
    }
    Vertx vertx = context.owner();
    long id = vertx.setTimer(millisAtLeastOne(delay), ignored -> task.run());
    return () -> vertx.cancelTimer(id);
  }

  /** Vert.x timers count whole milliseconds from one: round up, so a task never runs early. */
  static long millisAtLeastOne(Duration delay) {
    long nanos = Math.max(0, delay.toNanos());
    return Math.max(1, (nanos + 999_999) / 1_000_000);
  }
}
