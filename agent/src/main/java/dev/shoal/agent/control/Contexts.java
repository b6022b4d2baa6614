package dev.shoal.agent.control;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/** Keeping a loop's state on the one context that owns it. */
public final class Contexts {

  private Contexts() {}

  /** Runs {@code action} at once when called on {@code context}, else soon on it. */
  public static void run(Context context, Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(ignored -> action.run());
    }
  }

  /**
   * {@code future}, completing on {@code context}: a store or engine call may complete on another
   * thread, and what the caller composes after it then touches the loop's state on its own context
   * again.
   */
  public static <T> Future<T> on(Context context, Future<T> future) {
    Promise<T> back = Promise.promise();
    future.onComplete(result -> run(context, () -> back.handle(result)));
    return back.future();
  }
}
