package dev.shoal.agent.control;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Running a piece of a loop's state machine on the one context that owns its state. */
final class Contexts {

  private Contexts() {}

  /** Runs {@code action} at once when called on {@code context}, else soon on it. */
  static void run(Context context, Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(ignored -> action.run());
    }
  }
}
