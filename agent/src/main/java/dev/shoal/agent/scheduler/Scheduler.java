package dev.shoal.agent.scheduler;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.Pod;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's scheduler: binds every unbound pod to a node. Pod and node events update the
 * {@link SchedulingCache} and mark pods pending; once the burst has been quiet for
 * {@link SchedulerOptions#settle()} the pending pods are placed in one batch by {@link Placement}, each
 * placement assumed in the cache at once, and bound with {@code store.modify} (only if still unbound).
 * Pods no node fits get PodScheduled=False and wait for a node or pod change (or a periodic retry).
 */
public final class Scheduler {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final long RETRY_FAILED_BIND_MILLIS = 200;
  /** Pods placed per event-loop turn, so a large batch never holds the loop for long. */
  private static final int PODS_PER_TURN = 256;

  private final Vertx vertx;
  private final ClusterStore store;
  private final SchedulerOptions options;
  private final Placement placement;
  private final Clock clock;
  private final Context context;
  private final SchedulingCache cache = new SchedulingCache();
  private final Map<ObjectKey, Pod> pending = new LinkedHashMap<>();
  private final Map<ObjectKey, Pod> unschedulable = new LinkedHashMap<>();
  private final Set<ObjectKey> inFlight = new HashSet<>();
  private final List<ClusterStore.Watch> watches = new ArrayList<>();
  private long batchTimer = -1;
  private long retryTimer = -1;
  private long firstEventNanos;
  private long lastEventNanos;
  private boolean placing;
  private int nextStart;
  private long lastRetryNanos = System.nanoTime() - Duration.ofHours(1).toNanos();
  private boolean retryTimerArmed;
  private boolean stopped;

  public Scheduler(Vertx vertx, ClusterStore store, SchedulerOptions options, Placement placement, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.options = options;
    this.placement = placement;
    this.clock = clock;
    this.context = vertx.getOrCreateContext();
  }

  public Scheduler(Vertx vertx, ClusterStore store) {
    this(vertx, store, SchedulerOptions.DEFAULT, Placement.standard(), Clock.systemUTC());
  }

  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(ignored -> store.list(Node.KIND, null)
        .compose(nodes -> {
          nodes.items().forEach(n -> cache.upsertNode((Node) n));
          return store.watch(Node.KIND, null, nodes.version(), this::onNode);
        })
        .compose(watch -> {
          watches.add(watch);
          return store.list(Pod.KIND, null);
        })
        .compose(pods -> {
          pods.items().forEach(p -> onPod((Pod) p));
          return store.watch(Pod.KIND, null, pods.version(), this::onPodEvent);
        })
        .onSuccess(watch -> {
          watches.add(watch);
          retryTimer = vertx.setPeriodic(options.resync().toMillis(), id -> resync());
          LOG.info("scheduler started: {} nodes, {} pods pending", cache.nodes().size(), pending.size());
        })
        .<Void>mapEmpty()
        .onComplete(started));
    return started.future();
  }

  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(ignored -> {
      stopped = true;
      watches.forEach(ClusterStore.Watch::cancel);
      watches.clear();
      if (batchTimer >= 0) {
        vertx.cancelTimer(batchTimer);
      }
      if (retryTimer >= 0) {
        vertx.cancelTimer(retryTimer);
      }
      done.complete();
    });
    return done.future();
  }

  /**
   * Level-triggered safety net: re-lists nodes and pods, takes whatever the watch may have missed (a
   * new or deleted node, an unbound pod, a bound or deleted pod), then retries unschedulable pods.
   */
  private void resync() {
    if (stopped) {
      return;
    }
    store.list(Node.KIND, null).compose(nodes -> store.list(Pod.KIND, null).map(pods -> {
      Set<String> names = new HashSet<>();
      for (var n : nodes.items()) {
        names.add(n.metadata().name());
        cache.upsertNode((Node) n);
      }
      for (NodeUsage known : List.copyOf(cache.nodes())) {
        // Only what the listing is new enough to vouch for: a node seen after it stays.
        if (!names.contains(known.name()) && SchedulingCache.version(known.node()) <= nodes.version()) {
          cache.removeNode(known.name());
        }
      }
      Set<ObjectKey> listed = new HashSet<>();
      for (var p : pods.items()) {
        listed.add(ObjectKey.of(p));
        onPod((Pod) p);
      }
      cache.forgetMissing(listed, pods.version());
      return null;
    })).onComplete(done -> {
      if (done.failed()) {
        LOG.warn("scheduler resync failed: {}", done.cause().toString());
      }
      retryUnschedulable();
    });
  }

  private void onNode(WatchEvent event) {
    Node node = (Node) event.object();
    if (event.type() == WatchEvent.Type.DELETED) {
      cache.removeNode(node.metadata().name());
    } else if (cache.upsertNode(node)) {
      retryUnschedulable();
    }
  }

  private void onPodEvent(WatchEvent event) {
    Pod pod = (Pod) event.object();
    if (event.type() == WatchEvent.Type.DELETED) {
      ObjectKey key = ObjectKey.of(pod);
      boolean freed = cache.knows(key);
      cache.forget(key);
      pending.remove(key);
      unschedulable.remove(key);
      if (freed) {
        retryUnschedulable();
      }
      return;
    }
    onPod(pod);
  }

  private void onPod(Pod pod) {
    ObjectKey key = ObjectKey.of(pod);
    if (PodFacts.isBound(pod)) {
      boolean finished = PodFacts.isTerminal(pod) && cache.knows(key);
      cache.observe(pod);
      pending.remove(key);
      unschedulable.remove(key);
      if (finished) {
        retryUnschedulable();
      }
      return;
    }
    if (!PodFacts.isActive(pod)) {
      pending.remove(key);
      unschedulable.remove(key);
      return;
    }
    if (inFlight.contains(key)) {
      return;
    }
    if (unschedulable.containsKey(key)) {
      unschedulable.put(key, pod);
      return;
    }
    pending.put(key, pod);
    armBatch();
  }

  private void retryUnschedulable() {
    if (unschedulable.isEmpty() || retryTimerArmed) {
      return;
    }
    long sinceLast = System.nanoTime() - lastRetryNanos;
    long minGap = options.unschedulableMinGap().toNanos();
    if (sinceLast < minGap) {
      // Churn (pods finishing, nodes changing) must not re-place every waiting pod each time.
      retryTimerArmed = true;
      vertx.setTimer(Math.max(1, (minGap - sinceLast) / 1_000_000), id -> {
        retryTimerArmed = false;
        retryUnschedulable();
      });
      return;
    }
    lastRetryNanos = System.nanoTime();
    pending.putAll(unschedulable);
    unschedulable.clear();
    armBatch();
  }

  /** Debounce: place once events have been quiet for {@code settle}, or after {@code maxBatchDelay}. */
  private void armBatch() {
    long now = System.nanoTime();
    lastEventNanos = now;
    if (batchTimer >= 0 || placing || stopped) {
      return;
    }
    firstEventNanos = now;
    batchTimer = vertx.setTimer(Math.max(1, options.settle().toMillis()), id -> onBatchTimer());
  }

  private void onBatchTimer() {
    batchTimer = -1;
    long now = System.nanoTime();
    long quietFor = now - lastEventNanos;
    long waited = now - firstEventNanos;
    if (quietFor < options.settle().toNanos() && waited < options.maxBatchDelay().toNanos()) {
      long remaining = Math.max(1, (options.settle().toNanos() - quietFor) / 1_000_000);
      batchTimer = vertx.setTimer(remaining, id -> onBatchTimer());
      return;
    }
    placeBatch();
  }

  private void placeBatch() {
    if (stopped || pending.isEmpty()) {
      return;
    }
    placing = true;
    List<Pod> batch = new ArrayList<>(pending.values());
    pending.clear();
    List<Future<?>> writes = new ArrayList<>(batch.size());
    placeChunk(batch, 0, writes);
  }

  /** Places up to {@link #PODS_PER_TURN} pods, then yields the event loop before the next chunk. */
  private void placeChunk(List<Pod> batch, int from, List<Future<?>> writes) {
    if (stopped) {
      placing = false;
      return;
    }
    int to = Math.min(batch.size(), from + PODS_PER_TURN);
    List<NodeUsage> nodes = cache.nodes();
    int enough = Placement.feasibleNodesToFind(nodes.size());
    for (int i = from; i < to; i++) {
      Pod pod = batch.get(i);
      PodRequest request = PodRequest.of(pod);
      int start = nodes.isEmpty() ? 0 : nextStart % nodes.size();
      Decision decision = placement.place(request, nodes, start, enough);
      if (decision instanceof Decision.Bind bind) {
        nextStart = start + bind.examined();
        String node = bind.node().name();
        cache.assume(request, node);
        inFlight.add(request.key());
        writes.add(bindPod(request, node));
      } else if (decision instanceof Decision.Unschedulable refusal) {
        unschedulable.put(request.key(), pod);
        writes.add(store.modify(request.key(), PodScheduledWrites.unschedulable(refusal.message(), clock.instant()))
            .recover(e -> Future.succeededFuture()));
      }
    }
    if (to < batch.size()) {
      context.runOnContext(ignored -> placeChunk(batch, to, writes));
      return;
    }
    LOG.debug("placed a batch of {} pods", batch.size());
    Future.join(writes).onComplete(done -> {
      placing = false;
      if (!pending.isEmpty()) {
        armBatch();
      }
    });
  }

  private Future<Void> bindPod(PodRequest request, String node) {
    return store.modify(request.key(), PodScheduledWrites.bind(node, clock.instant()))
        .<Void>map(stored -> {
          inFlight.remove(request.key());
          Pod pod = (Pod) stored;
          if (!node.equals(pod.spec().nodeName())) {
            cache.observe(pod);
          }
          return null;
        })
        .recover(e -> {
          inFlight.remove(request.key());
          cache.forget(request.key());
          LOG.debug("bind of {} to {} failed: {}", request.key(), node, e.toString());
          if (!(e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND)) {
            vertx.setTimer(RETRY_FAILED_BIND_MILLIS, id -> store.get(request.key())
                .onSuccess(current -> onPod((Pod) current)));
          }
          return Future.succeededFuture();
        });
  }
}
