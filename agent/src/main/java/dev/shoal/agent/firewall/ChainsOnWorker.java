package dev.shoal.agent.firewall;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a {@link FilterTable}'s blocking work on worker threads, one call at a time and in call order
 * ({@code executeBlocking} ordered on one context), so two quick updates never interleave and the last one
 * wins. Each call reads the wanted chains when it runs, not when it was asked for.
 */
final class ChainsOnWorker {

  private final Context context;
  private final FilterTable table;

  ChainsOnWorker(Vertx vertx, FilterTable table) {
    this.context = vertx.getOrCreateContext();
    this.table = table;
  }

  /** Completes with true when something had to change; with false when {@code wanted} gives null. */
  Future<Boolean> apply(Supplier<List<ChainSpec>> wanted) {
    return context.executeBlocking(() -> {
      List<ChainSpec> specs = wanted.get();
      return specs != null && table.apply(specs);
    }, true);
  }

  Future<Boolean> remove(List<ChainSpec> specs) {
    return context.executeBlocking(() -> table.remove(specs), true);
  }
}
