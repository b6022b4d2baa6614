package dev.shoal.agent.control;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

/** Blocks a test thread (never an event loop) on a future. */
public final class Await {

  private Await() {}

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * Returns once everything already handed to {@code context} has run there (its tasks run in
   * order).
   */
  public static void drain(Context context) throws Exception {
    await(Future.<Void>future(p -> context.runOnContext(ignored -> p.complete())));
  }
}
