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
 * Runs one {@link Controller} on its own Vert.x context: watches the store from the current version,
 * maps every event to keys, enqueues them, enqueues every object of the resync kinds on start and then
 * every {@code resyncPeriod} (so a missed event only delays convergence), and feeds the queue to
 * {@link Controller#sync}. Nothing here blocks: the store is reached only through its futures.
 */
public final class ControllerRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerRunner.class);

  private final Vertx vertx;
  private final ClusterStore store;
  private final Controller controller;
  private final Duration resyncPeriod;
  private final Context context;
  private final WorkQueue<ObjectKey> queue;
  private final List<ClusterStore.Watch> watches = new ArrayList<>();
  private long resyncTimer = -1;

  public ControllerRunner(Vertx vertx, ClusterStore store, Controller controller, Options options) {
    this.vertx = vertx;
    this.store = store;
    this.controller = controller;
    this.resyncPeriod = options.resyncPeriod();
    this.context = vertx.getOrCreateContext();
    this.queue = new WorkQueue<>(vertx, context, controller.name(), options.backoff(), options.concurrency(),
        controller::sync);
  }

  public ControllerRunner(Vertx vertx, ClusterStore store, Controller controller) {
    this(vertx, store, controller, Options.DEFAULT);
  }

  public WorkQueue<ObjectKey> queue() {
    return queue;
  }

  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(ignored -> {
      controller.attach(queue);
      store.currentVersion()
          .compose(version -> watchAll(version))
          .compose(v -> resync())
          .onSuccess(v -> {
            resyncTimer = vertx.setPeriodic(resyncPeriod.toMillis(), id -> resync());
            LOG.info("controller {} started", controller.name());
          })
          .onComplete(started);
    });
    return started.future();
  }

  public Future<Void> stop() {
    Promise<Void> stopped = Promise.promise();
    context.runOnContext(ignored -> {
      if (resyncTimer >= 0) {
        vertx.cancelTimer(resyncTimer);
      }
      watches.forEach(ClusterStore.Watch::cancel);
      watches.clear();
      queue.stop();
      stopped.complete();
    });
    return stopped.future();
  }

  private Future<Void> watchAll(long version) {
    Future<Void> chain = Future.succeededFuture();
    for (Controller.Watched watched : controller.watches()) {
      chain = chain.compose(v -> store.watch(watched.kind(), null, version, event -> dispatch(watched, event))
          .map(watch -> {
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
      chain = chain.compose(v -> store.list(kind, null).map(listing -> {
        for (Resource item : listing.items()) {
          queue.add(ObjectKey.of(item));
        }
        return null;
      }));
    }
    return chain.recover(e -> {
      LOG.warn("controller {}: resync failed", controller.name(), e);
      return Future.succeededFuture();
    });
  }

  /** How often to resync, how to back off, and how many keys may be synced at once. */
  public record Options(Duration resyncPeriod, Backoff backoff, int concurrency) {
    public static final Options DEFAULT = new Options(Duration.ofSeconds(30), Backoff.DEFAULT, 4);

    public Options withResyncPeriod(Duration value) {
      return new Options(value, backoff, concurrency);
    }
  }
}
