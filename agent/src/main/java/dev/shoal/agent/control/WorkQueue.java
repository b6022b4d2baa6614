package dev.shoal.agent.control;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A queue of keys to reconcile, in the spirit of client-go's rate-limited work queue. Handlers only
 * {@link #add} keys; a key queued twice is processed once; a key is handed to at most one worker call
 * at a time (a key added while it is processed is queued again when that call ends); a failed call
 * requeues the key with exponential back-off, a successful one resets its back-off.
 *
 * <p>All state lives on one Vert.x context; {@link #add} may be called from any thread.
 */
public final class WorkQueue<K> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

  private final Vertx vertx;
  private final Context context;
  private final String name;
  private final Backoff backoff;
  private final int concurrency;
  private final Function<K, Future<Void>> worker;

  private final Deque<K> ready = new ArrayDeque<>();
  private final Set<K> queued = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Set<K> dirty = new HashSet<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private final Map<K, Delayed> delayed = new HashMap<>();
  private boolean stopped;

  public WorkQueue(Vertx vertx, Context context, String name, Backoff backoff, int concurrency,
      Function<K, Future<Void>> worker) {
    this.vertx = vertx;
    this.context = context;
    this.name = name;
    this.backoff = backoff;
    this.concurrency = Math.max(1, concurrency);
    this.worker = worker;
  }

  /** Queues a key now; a no-op while it is already waiting. */
  public void add(K key) {
    onContext(() -> {
      if (stopped) {
        return;
      }
      if (processing.contains(key)) {
        dirty.add(key);
      } else if (queued.add(key)) {
        ready.addLast(key);
        pump();
      }
    });
  }

  /**
   * Queues a key after a delay (e.g. to re-check when minReadySeconds will have passed). A key waits
   * for at most one timer: the earliest asked for wins.
   */
  public void addAfter(K key, long delayMillis) {
    if (delayMillis <= 0) {
      add(key);
      return;
    }
    onContext(() -> {
      if (stopped) {
        return;
      }
      long due = System.nanoTime() + delayMillis * 1_000_000;
      Delayed existing = delayed.get(key);
      if (existing != null) {
        if (existing.dueNanos() <= due) {
          return;
        }
        vertx.cancelTimer(existing.timer());
      }
      long timer = vertx.setTimer(delayMillis, id -> {
        delayed.remove(key);
        add(key);
      });
      delayed.put(key, new Delayed(timer, due));
    });
  }

  private record Delayed(long timer, long dueNanos) {}

  /** Drops a key's failure count (e.g. when its object is gone). */
  public void forget(K key) {
    onContext(() -> failures.remove(key));
  }

  /** Stops handing out keys; calls in flight finish on their own. */
  public void stop() {
    onContext(() -> {
      stopped = true;
      delayed.values().forEach(d -> vertx.cancelTimer(d.timer()));
      delayed.clear();
      ready.clear();
      queued.clear();
    });
  }

  /** Keys waiting or being processed (for tests and metrics). */
  public int depth() {
    return queued.size() + processing.size();
  }

  private void pump() {
    while (!stopped && processing.size() < concurrency && !ready.isEmpty()) {
      K key = ready.pollFirst();
      queued.remove(key);
      processing.add(key);
      Future<Void> call;
      try {
        call = worker.apply(key);
      } catch (RuntimeException e) {
        call = Future.failedFuture(e);
      }
      call.onComplete(result -> onContext(() -> done(key, result.failed() ? result.cause() : null)));
    }
  }

  private void done(K key, Throwable failure) {
    processing.remove(key);
    if (failure != null) {
      int count = failures.merge(key, 1, Integer::sum);
      long delay = backoff.delayMillis(count);
      LOG.debug("{}: sync of {} failed ({} times), retry in {} ms: {}", name, key, count, delay, failure.toString());
      dirty.remove(key);
      addAfter(key, delay);
    } else {
      failures.remove(key);
      if (dirty.remove(key)) {
        add(key);
      }
    }
    pump();
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(ignored -> action.run());
    }
  }
}
