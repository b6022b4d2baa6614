package dev.shoal.agent.control;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
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
 * {@link #add} keys; a key queued twice is processed once; a key is handed to at most one worker
 * call at a time ({@link KeyedCoalescer}: a key added while it is processed is queued again when
 * that call ends); a failed call requeues the key after its {@link Retries} back-off, a successful
 * one resets it.
 *
 * <p>All state lives on one Vert.x context; {@link #add} may be called from any thread. Delays run
 * on the injected {@link Timer}.
 */
public final class WorkQueue<K> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

  private final Context context;
  private final Timer timer;
  private final String name;
  private final int concurrency;
  private final Function<K, Future<Void>> worker;

  private final Deque<K> ready = new ArrayDeque<>();
  private final Set<K> queued = new HashSet<>();
  private final KeyedCoalescer<K> processing = new KeyedCoalescer<>();
  private final Retries<K> failures;
  private final Map<K, Delayed> delayed = new HashMap<>();
  private boolean stopped;

  public WorkQueue(
      Context context,
      Timer timer,
      String name,
      Backoff backoff,
      int concurrency,
      Function<K, Future<Void>> worker) {
    this.context = context;
    this.timer = timer;
    this.name = name;
    this.failures = new Retries<>(backoff);
    this.concurrency = Math.max(1, concurrency);
    this.worker = worker;
  }

  /** Queues a key now; a no-op while it is already waiting. */
  public void add(K key) {
    Contexts.run(
        context,
        () -> {
          if (stopped || processing.askAgainIfRunning(key)) {
            return;
          }
          if (queued.add(key)) {
            ready.addLast(key);
            pump();
          }
        });
  }

  /**
   * Queues a key after a delay (e.g. to re-check when minReadySeconds will have passed). A key
   * waits for at most one timer: the earliest asked for wins.
   */
  public void addAfter(K key, long delayMillis) {
    addAfter(key, Duration.ofMillis(delayMillis));
  }

  public void addAfter(K key, Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    Contexts.run(
        context,
        () -> {
          if (stopped) {
            return;
          }
          Instant due = timer.clock().instant().plus(delay);
          Delayed existing = delayed.get(key);
          if (existing != null) {
            if (!existing.due().isAfter(due)) {
              return;
            }
            existing.timer().cancel();
          }
          Timer.Scheduled scheduled =
              timer.schedule(
                  delay,
                  () -> {
                    delayed.remove(key);
                    add(key);
                  });
          delayed.put(key, new Delayed(scheduled, due));
        });
  }

  private record Delayed(Timer.Scheduled timer, Instant due) {}

  /** Drops a key's failure count (e.g. when its object is gone). */
  public void forget(K key) {
    Contexts.run(context, () -> failures.succeeded(key));
  }

  /** Stops handing out keys; calls in flight finish on their own. */
  public void stop() {
    Contexts.run(
        context,
        () -> {
          stopped = true;
          delayed.values().forEach(d -> d.timer().cancel());
          delayed.clear();
          ready.clear();
          queued.clear();
        });
  }

  /** Keys waiting or being processed (for tests and metrics). */
  public int depth() {
    return queued.size() + processing.running();
  }

  private void pump() {
    while (!stopped && processing.running() < concurrency && !ready.isEmpty()) {
      K key = ready.pollFirst();
      queued.remove(key);
      processing.begin(key);
      Future<Void> call;
      try {
        call = worker.apply(key);
      } catch (RuntimeException e) {
        call = Future.failedFuture(e);
      }
      call.onComplete(
          result ->
              Contexts.run(context, () -> done(key, result.failed() ? result.cause() : null)));
    }
  }

  private void done(K key, Throwable failure) {
    boolean addedMeanwhile = processing.end(key);
    if (failure != null) {
      Duration delay = failures.failed(key);
      LOG.debug(
          "{}: sync of {} failed ({} times), retry in {} ms: {}",
          name,
          key,
          failures.failures(key),
          delay.toMillis(),
          failure.toString());
      addAfter(key, delay);
    } else {
      failures.succeeded(key);
      if (addedMeanwhile) {
        add(key);
      }
    }
    pump();
  }
}
