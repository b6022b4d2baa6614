package dev.shoal.agent.store;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Fans store changes out to watchers and remembers recent changes so a watch can resume from a
 * resource version.
 *
 * <p>Changes of one object arrive in version order; changes of different objects may arrive
 * slightly out of version order (a distributed store commits them on different members). So the
 * history remembers, for each event, the highest version published before it arrived (a "high
 * water" that only grows), and a watch from version V replays every event whose high water was at
 * least V: everything that arrived after a listing taken at V. Nothing is missed; an older event
 * that arrived just before the listing may be repeated (watchers are level-triggered, a repeat is
 * harmless). For a store that publishes in version order (the in-memory one) this is exactly "the
 * events newer than V".
 */
public final class WatchHub {

  private final int historyLimit;
  private final Deque<Published> history = new ArrayDeque<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final Fanout fanout = new Fanout();

  /** A watch from a version below this cannot resume: events it needs have been dropped. */
  private long trimmedThrough;

  /** Highest version published so far. */
  private long highWater;

  public WatchHub(int historyLimit) {
    this.historyLimit = historyLimit;
  }

  /**
   * Records a change and hands it to every matching watcher. Callers publish each object's changes
   * in order.
   */
  public synchronized void publish(WatchEvent event) {
    history.addLast(new Published(event, highWater));
    highWater = Math.max(highWater, event.version());
    while (history.size() > historyLimit) {
      trimmedThrough = history.removeFirst().before() + 1;
    }
    for (Subscription subscription : subscriptions) {
      subscription.offer(event);
    }
  }

  /**
   * Starts a watch: replays remembered events newer than {@code sinceVersion}, then streams new
   * ones. Throws GONE when changes after {@code sinceVersion} have already been forgotten.
   */
  public synchronized ClusterStore.Watch subscribe(
      String kind,
      String namespace,
      long sinceVersion,
      Context context,
      Consumer<WatchEvent> sink) {
    if (sinceVersion < trimmedThrough) {
      throw StoreException.gone(sinceVersion, trimmedThrough);
    }
    Subscription subscription = new Subscription(kind, namespace, context, sink, fanout);
    for (Published published : history) {
      if (published.before() >= sinceVersion) {
        subscription.offer(published.event());
      }
    }
    subscriptions.add(subscription);
    return () -> subscriptions.remove(subscription);
  }

  /** The highest version published: a listing taken now is consistent with a watch from here. */
  public synchronized long highWater() {
    return highWater;
  }

  /**
   * Starts the history at {@code version} for a store that loaded its state without publishing it:
   * a watch from an older version gets GONE (re-list), a watch from here on sees everything.
   */
  public synchronized void startAt(long version) {
    highWater = Math.max(highWater, version);
    trimmedThrough = Math.max(trimmedThrough, version);
  }

  public int watcherCount() {
    return subscriptions.size();
  }

  /** Events handed to watchers since the start (one event to three watchers counts three). */
  public long deliveredCount() {
    return fanout.delivered.sum();
  }

  /** Events handed over but not yet run on their watcher's context: the fan-out's backlog. */
  public long queuedCount() {
    return fanout.queued.get();
  }

  /** The fan-out's counters, shared by every subscription. */
  private static final class Fanout {
    final LongAdder delivered = new LongAdder();
    final AtomicLong queued = new AtomicLong();
  }

  /** An event and the highest version published before it. */
  private record Published(WatchEvent event, long before) {}

  private record Subscription(
      String kind, String namespace, Context context, Consumer<WatchEvent> sink, Fanout fanout) {

    void offer(WatchEvent event) {
      if (!event.object().kind().equals(kind)) {
        return;
      }
      if (namespace != null && !namespace.equals(event.key().namespace())) {
        return;
      }
      fanout.delivered.increment();
      if (context == null) {
        sink.accept(event);
      } else {
        // runOnContext keeps submission order per context, so the watcher sees versions in order.
        fanout.queued.incrementAndGet();
        context.runOnContext(
            ignored -> {
              fanout.queued.decrementAndGet();
              sink.accept(event);
            });
      }
    }
  }
}
