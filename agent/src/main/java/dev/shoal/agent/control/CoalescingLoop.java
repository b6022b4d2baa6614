package dev.shoal.agent.control;

import dev.shoal.agent.store.ClusterStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One level-triggered pass at a time, on one context: {@link #trigger} asks for a pass; requests
 * that come while one runs collapse into one more pass after it, so a request is never lost and two
 * passes never overlap. A periodic tick asks too (drift repair, missed events), and a failed pass
 * is tried again after its {@link Retry} back-off (reset by a pass that succeeds). All timing goes
 * through the {@link Timer}.
 */
public final class CoalescingLoop {

  private static final Logger LOG = LoggerFactory.getLogger(CoalescingLoop.class);

  private final Context context;
  private final Timer timer;
  private final String name;
  private final Supplier<Future<?>> pass;
  private final Duration period;
  private final Retry retry;

  /**
   * Requests no pass has started for yet; each completes with the first pass that starts after it.
   */
  private List<Promise<Void>> waiting = new ArrayList<>();

  private Promise<Void> stopped;
  private boolean running;
  private Timer.Scheduled tick;
  private Timer.Scheduled retryLater;

  /** {@code period}: how often a pass runs without being asked; null for never. */
  public CoalescingLoop(
      Context context,
      Timer timer,
      String name,
      Supplier<Future<?>> pass,
      Duration period,
      Backoff retry) {
    this.context = context;
    this.timer = timer;
    this.name = name;
    this.pass = pass;
    this.period = period;
    this.retry = new Retry(retry);
  }

  /** Starts the periodic tick and runs the first pass; completes with that pass. */
  public Future<Void> start() {
    Promise<Void> first = Promise.promise();
    Contexts.run(
        context,
        () -> {
          armTick();
          request(first);
        });
    return first.future();
  }

  /** Starts the periodic tick only: the first pass runs one period from now (or when asked). */
  public void startTicking() {
    Contexts.run(context, this::armTick);
  }

  /**
   * Asks for a pass on every change of the given kinds, then starts the loop; a failing first pass
   * does not fail the start (the loop retries it). The watches go into {@code watches} for the
   * owner to cancel.
   */
  public Future<Void> startOnChangesOf(
      ClusterStore store, List<ClusterStore.Watch> watches, String... kinds) {
    return startOnChangesOf(store, watches, event -> {}, kinds);
  }

  /**
   * As {@link #startOnChangesOf(ClusterStore, List, String...)}, telling {@code seen} of each event
   * (on the store's thread) before asking for the pass, so the pass can look at what changed.
   */
  public Future<Void> startOnChangesOf(
      ClusterStore store,
      List<ClusterStore.Watch> watches,
      java.util.function.Consumer<dev.shoal.agent.store.WatchEvent> seen,
      String... kinds) {
    Promise<Void> started = Promise.promise();
    Contexts.run(
        context,
        () ->
            store
                .currentVersion()
                .compose(
                    version -> {
                      Future<Void> chain = Future.succeededFuture();
                      for (String kind : kinds) {
                        chain =
                            chain.compose(
                                x ->
                                    store
                                        .watch(
                                            kind,
                                            null,
                                            version,
                                            event -> {
                                              seen.accept(event);
                                              trigger();
                                            })
                                        .map(
                                            w -> {
                                              watches.add(w);
                                              return null;
                                            }));
                      }
                      return chain;
                    })
                .compose(x -> start().otherwise((Void) null))
                .onComplete(started));
    return started.future();
  }

  /**
   * Asks for a pass; safe from any thread. Completes with the first pass that starts after this
   * call.
   */
  public Future<Void> trigger() {
    Promise<Void> covered = Promise.promise();
    Contexts.run(context, () -> request(covered));
    return covered.future();
  }

  /**
   * No more passes; completes once the pass in flight, if any, has ended. Requests not run yet
   * fail.
   */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    Contexts.run(
        context,
        () -> {
          if (stopped == null) {
            stopped = Promise.promise();
            cancel(tick);
            cancel(retryLater);
            waiting.forEach(p -> p.tryFail(new IllegalStateException(name + " stopped")));
            waiting.clear();
            if (!running) {
              stopped.complete();
            }
          }
          stopped.future().onComplete(done);
        });
    return done.future();
  }

  private void request(Promise<Void> covered) {
    if (stopped != null) {
      covered.tryFail(new IllegalStateException(name + " stopped"));
      return;
    }
    waiting.add(covered);
    if (!running) {
      run();
    }
  }

  private void run() {
    running = true;
    List<Promise<Void>> covered = waiting;
    waiting = new ArrayList<>();
    Future<?> done;
    try {
      done = pass.get();
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(
        result ->
            Contexts.run(
                context, () -> finished(result.failed() ? result.cause() : null, covered)));
  }

  private void finished(Throwable failure, List<Promise<Void>> covered) {
    running = false;
    if (failure != null) {
      failed(failure);
      covered.forEach(p -> p.tryFail(failure));
    } else {
      if (retry.failures() > 0) {
        LOG.info("{}: pass succeeded after {} failed one(s)", name, retry.failures());
      }
      retry.succeeded();
      cancel(retryLater);
      retryLater = null;
      covered.forEach(Promise::tryComplete);
    }
    if (stopped != null) {
      stopped.tryComplete();
    } else if (!waiting.isEmpty()) {
      run();
    }
  }

  private void failed(Throwable failure) {
    Duration delay = retry.failed();
    if (retry.failures() == 1) {
      LOG.warn(
          "{}: pass failed, retrying with back-off from {} ms: {}",
          name,
          delay.toMillis(),
          failure.toString());
    } else {
      LOG.debug(
          "{}: pass failed again ({} in a row), next try in {} ms: {}",
          name,
          retry.failures(),
          delay.toMillis(),
          failure.toString());
    }
    if (stopped == null) {
      cancel(retryLater);
      retryLater = timer.schedule(delay, this::trigger);
    }
  }

  private void armTick() {
    if (period != null && !period.isZero() && stopped == null) {
      tick =
          timer.schedule(
              period,
              () -> {
                armTick();
                request(Promise.promise());
              });
    }
  }

  private static void cancel(Timer.Scheduled scheduled) {
    if (scheduled != null) {
      scheduled.cancel();
    }
  }
}
