package dev.shoal.agent.control;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Controller} on its own Vert.x context: watches the store from the current
 * version, maps every event to keys, enqueues them, enqueues every object of the resync kinds on
 * start and then every {@code resyncPeriod} (a {@link CoalescingLoop}, so a missed event only
 * delays convergence), and feeds the queue to {@link Controller#sync}. Nothing here blocks: the
 * store is reached only through its futures. Timers run on {@link Options#timer()}.
 */
public final class ControllerRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerRunner.class);

  private final ClusterStore store;
  private final Controller controller;
  private final Context context;
  private final WorkQueue<ObjectKey> queue;
  private final CoalescingLoop resyncs;
  private final List<ClusterStore.Watch> watches = new ArrayList<>();

  public ControllerRunner(Vertx vertx, ClusterStore store, Controller controller, Options options) {
    this.store = store;
    this.controller = controller;
    this.context = vertx.getOrCreateContext();
    this.queue =
        new WorkQueue<>(
            context,
            options.timer(),
            controller.name(),
            options.backoff(),
            options.concurrency(),
            controller::sync);
    this.resyncs =
        new CoalescingLoop(
            context,
            options.timer(),
            controller.name() + " resync",
            this::resync,
            options.resyncPeriod(),
            options.backoff());
  }

  public ControllerRunner(Vertx vertx, ClusterStore store, Controller controller) {
    this(vertx, store, controller, Options.DEFAULT);
  }

  public WorkQueue<ObjectKey> queue() {
    return queue;
  }

  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(
        ignored -> {
          controller.attach(queue);
          store
              .currentVersion()
              .compose(version -> watchAll(version))
              .compose(v -> resyncs.start())
              .onSuccess(v -> LOG.info("controller {} started", controller.name()))
              .onComplete(started);
        });
    return started.future();
  }

  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(
        ignored -> {
          watches.forEach(ClusterStore.Watch::cancel);
          watches.clear();
          queue.stop();
          resyncs.stop().onComplete(stopped);
        });
    return stopped.future();
  }

  private Future<Void> watchAll(long version) {
    Future<Void> chain = Future.succeededFuture();
    for (Controller.Watched watched : controller.watches()) {
      chain =
          chain.compose(
              v ->
                  store
                      .watch(watched.kind(), null, version, event -> dispatch(watched, event))
                      .map(
                          watch -> {
                            watches.add(watch);
                            return null;
                          }));
    }
    return chain;
  }

  private void dispatch(Controller.Watched watched, WatchEvent event) {
    Collection<ObjectKey> keys;
    try {
      keys = watched.keys().apply(event);
    } catch (RuntimeException e) {
      LOG.warn("controller {}: handler for {} failed", controller.name(), event.key(), e);
      return;
    }
    keys.forEach(queue::add);
  }

  private Future<Void> resync() {
    Future<Void> chain = Future.succeededFuture();
    for (String kind : controller.resyncKinds()) {
      chain =
          chain.compose(
              v ->
                  store
                      .list(kind, null)
                      .map(
                          listing -> {
                            for (Resource item : listing.items()) {
                              queue.add(ObjectKey.of(item));
                            }
                            return null;
                          }));
    }
    return chain.recover(
        e -> {
          LOG.warn("controller {}: resync failed", controller.name(), e);
          return Future.succeededFuture();
        });
  }

  /**
   * How often to resync, how to back off, how many keys may be synced at once, and the timer to do
   * it on.
   */
  public record Options(Duration resyncPeriod, Backoff backoff, int concurrency, Timer timer) {
    public static final Options DEFAULT =
        new Options(Duration.ofSeconds(30), Backoff.DEFAULT, 4, Timer.system());

    public Options withResyncPeriod(Duration value) {
      return new Options(value, backoff, concurrency, timer);
    }

    public Options withTimer(Timer value) {
      return new Options(resyncPeriod, backoff, concurrency, value);
    }
  }
}
