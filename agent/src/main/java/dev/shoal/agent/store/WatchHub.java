package dev.shoal.agent.store;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fans store changes out to watchers and remembers recent changes so a watch can resume from a
 * resource version. Every store implementation publishes its changes here in version order.
 */
public final class WatchHub {

  private final int historyLimit;
  private final Deque<WatchEvent> history = new ArrayDeque<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  /** Newest version that has been dropped from the history; a watch from before it cannot resume. */
  private long trimmedThrough;

  public WatchHub(int historyLimit) {
    this.historyLimit = historyLimit;
  }

  /** Records a change and hands it to every matching watcher. Callers publish in version order. */
  public synchronized void publish(WatchEvent event) {
    history.addLast(event);
    while (history.size() > historyLimit) {
      trimmedThrough = history.removeFirst().version();
    }
    for (Subscription subscription : subscriptions) {
      subscription.offer(event);
    }
  }

  /**
   * Starts a watch: replays remembered events newer than {@code sinceVersion}, then streams new ones.
   * Throws GONE when changes after {@code sinceVersion} have already been forgotten.
   */
  public synchronized ClusterStore.Watch subscribe(
      String kind, String namespace, long sinceVersion, Context context, Consumer<WatchEvent> sink) {
    if (sinceVersion < trimmedThrough) {
      throw StoreException.gone(sinceVersion, trimmedThrough);
    }
    Subscription subscription = new Subscription(kind, namespace, context, sink);
    for (WatchEvent event : history) {
      if (event.version() > sinceVersion) {
        subscription.offer(event);
      }
    }
    subscriptions.add(subscription);
    return () -> subscriptions.remove(subscription);
  }

  public int watcherCount() {
    return subscriptions.size();
  }

  private record Subscription(String kind, String namespace, Context context, Consumer<WatchEvent> sink) {

    void offer(WatchEvent event) {
      if (!event.object().kind().equals(kind)) {
        return;
      }
      if (namespace != null && !namespace.equals(event.key().namespace())) {
        return;
      }
      if (context == null) {
        sink.accept(event);
      } else {
        // runOnContext keeps submission order per context, so the watcher sees versions in order.
        context.runOnContext(ignored -> sink.accept(event));
      }
    }
  }
}
