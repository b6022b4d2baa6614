package dev.shoal.agent.network;

import dev.shoal.agent.store.ClusterStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one level-triggered pass at a time on one context: {@link #trigger} asks for a pass now; triggers
 * that arrive during a pass collapse into one more pass after it. A periodic timer triggers too (drift
 * repair, missed events), and a failed pass is retried after {@code retryAfter}.
 */
final class CoalescingLoop {

  private static final Logger LOG = LoggerFactory.getLogger(CoalescingLoop.class);

  private final Vertx vertx;
  private final Context context;
  private final String name;
  private final Supplier<Future<?>> pass;
  private final Duration period;
  private final Duration retryAfter;
  private boolean running;
  private boolean dirty;
  private boolean stopped;
  private long timer = -1;
  private int failures;

  CoalescingLoop(Vertx vertx, Context context, String name, Supplier<Future<?>> pass, Duration period,
      Duration retryAfter) {
    this.vertx = vertx;
    this.context = context;
    this.name = name;
    this.pass = pass;
    this.period = period;
    this.retryAfter = retryAfter;
  }

  /** Starts the timer and runs the first pass; completes with that pass. */
  Future<Void> start() {
    return Future.<Void>future(p -> context.runOnContext(v -> {
      timer = vertx.setPeriodic(period.toMillis(), id -> trigger());
      running = true;
      run().onComplete(p);
    }));
  }

  /**
   * Triggers a pass on every change of the given kinds, then starts the loop; a failing first pass does
   * not fail the start (the loop retries it). The watches go into {@code watches} for the owner to cancel.
   */
  Future<Void> startOnChangesOf(ClusterStore store, List<ClusterStore.Watch> watches, String... kinds) {
    return Future.<Void>future(p -> context.runOnContext(v -> store.currentVersion()
        .compose(version -> {
          Future<Void> chain = Future.succeededFuture();
          for (String kind : kinds) {
            chain = chain.compose(x -> store.watch(kind, null, version, event -> trigger()).map(w -> {
              watches.add(w);
              return null;
            }));
          }
          return chain;
        })
        .compose(x -> start().recover(e -> Future.succeededFuture()))
        .onComplete(p)));
  }

  /** Asks for a pass; safe from any thread. */
  void trigger() {
    context.runOnContext(v -> {
      if (stopped) {
        return;
      }
      if (running) {
        dirty = true;
        return;
      }
      running = true;
      run();
    });
  }

  void stop() {
    context.runOnContext(v -> {
      stopped = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    });
  }

  private Future<Void> run() {
    dirty = false;
    Future<?> done;
    try {
      done = pass.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.<Void>mapEmpty().onComplete(result -> {
      running = false;
      if (result.failed()) {
        if (failures++ == 0) {
          LOG.warn("{}: pass failed, retrying every {} ms: {}", name, retryAfter.toMillis(), result.cause().toString());
        } else {
          LOG.debug("{}: pass failed again: {}", name, result.cause().toString());
        }
        if (!stopped) {
          vertx.setTimer(retryAfter.toMillis(), id -> trigger());
        }
      } else if (failures > 0) {
        LOG.info("{}: pass succeeded after {} failed one(s)", name, failures);
        failures = 0;
      }
      if (dirty) {
        trigger();
      }
    });
  }
}
