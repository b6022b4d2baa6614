package dev.shoal.agent.firewall;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs {@link DualStackTables} on worker threads, one call at a time and in call order ({@code
 * executeBlocking} ordered on one context), so two quick updates never interleave and the last one
 * wins; each call reads the wanted chains when it runs, not when it was asked for.
 */
final class ChainsOnWorker {

  private final Context context;
  private final DualStackTables tables;

  ChainsOnWorker(Vertx vertx, DualStackTables tables) {
    this.context = vertx.getOrCreateContext();
    this.tables = tables;
  }

  /**
   * Completes with true when something had to change; with false when {@code wanted} gives null.
   */
  Future<Boolean> apply(Supplier<Chains> wanted) {
    return context.executeBlocking(
        () -> {
          Chains chains = wanted.get();
          return chains != null && tables.apply(chains);
        },
        true);
  }

  Future<Boolean> remove(Chains chains) {
    return context.executeBlocking(() -> tables.remove(chains), true);
  }
}
