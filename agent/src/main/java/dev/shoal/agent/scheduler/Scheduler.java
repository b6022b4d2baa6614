package dev.shoal.agent.scheduler;

import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Contexts;
import dev.shoal.agent.control.Debounce;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.Retries;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.events.EventRecorder;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.agent.telemetry.Latency;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.Pod;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's scheduler: binds every unbound pod to a node. Pod and node events update the {@link
 * SchedulingCache} and mark pods pending; once the burst has been quiet for {@link
 * SchedulerOptions#settle()} (a {@link Debounce}, at most {@link SchedulerOptions#maxBatchDelay()})
 * the pending pods are placed in one batch by {@link Placement}, each placement assumed in the
 * cache at once, and bound with {@code store.modify} (only if still unbound). Pods no node fits get
 * PodScheduled=False and wait for a node or pod change (or the periodic resync, a {@link
 * CoalescingLoop}). A bind or PodScheduled=False write that fails is logged and the pod placed
 * again after a back-off. All timing is on the injected {@link Timer}.
 */
public final class Scheduler {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** Between tries of a pod whose bind or PodScheduled=False write failed. */
  static final Backoff WRITE_RETRY =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);

  /** Pods placed per event-loop turn, so a large batch never holds the loop for long. */
  private static final int PODS_PER_TURN = 256;

  private final ClusterStore store;
  private final SchedulerOptions options;
  private final Placement placement;
  private final Timer timer;
  private final Clock clock;
  private final Context context;
  private final SchedulingCache cache = new SchedulingCache();
  private final VolumeBinding volumes = new VolumeBinding();
  private final Map<ObjectKey, Pod> pending = new LinkedHashMap<>();
  private final Map<ObjectKey, Pod> unschedulable = new LinkedHashMap<>();
  private final Set<ObjectKey> inFlight = new HashSet<>();
  private final List<ClusterStore.Watch> watches = new ArrayList<>();
  private final Debounce batches;
  private final CoalescingLoop resyncs;
  private final Retries<ObjectKey> writeRetries = new Retries<>(WRITE_RETRY);
  private int nextStart;
  private Instant lastRetry;
  private Timer.Scheduled retryLater;
  private boolean stopped;
  private volatile MeterRegistry meters;
  private EventRecorder events = EventRecorder.NONE;

  /**
   * All waiting (the batch debounce, resyncs, retries) is timed on {@code timer}, and conditions
   * stamped by its clock.
   */
  public Scheduler(
      Vertx vertx, ClusterStore store, SchedulerOptions options, Placement placement, Timer timer) {
    this.store = store;
    this.options = options;
    this.placement = placement;
    this.timer = timer;
    this.clock = timer.clock();
    this.context = vertx.getOrCreateContext();
    this.batches =
        new Debounce(
            context,
            timer,
            "scheduler",
            options.settle(),
            options.maxBatchDelay(),
            this::placeBatch);
    this.resyncs =
        new CoalescingLoop(
            context,
            timer,
            "scheduler resync",
            this::resync,
            options.resync(),
            new Backoff(
                Duration.ofSeconds(1),
                options.resync().compareTo(Duration.ofSeconds(1)) > 0
                    ? options.resync()
                    : Duration.ofSeconds(1)));
  }

  public Scheduler(Vertx vertx, ClusterStore store) {
    this(vertx, store, SchedulerOptions.DEFAULT, Placement.standard(), Timer.system());
  }

  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(
        ignored ->
            Contexts.on(context, store.list(Node.KIND, null))
                .compose(
                    nodes -> {
                      nodes.items().forEach(n -> cache.upsertNode((Node) n));
                      return Contexts.on(
                          context, store.watch(Node.KIND, null, nodes.version(), this::onNode));
                    })
                .compose(
                    watch -> {
                      watches.add(watch);
                      return Contexts.on(
                          context,
                          volumes.start(
                              store, () -> Contexts.run(context, this::retryUnschedulable)));
                    })
                .compose(
                    volumeWatches -> {
                      watches.addAll(volumeWatches);
                      return Contexts.on(context, store.list(Pod.KIND, null));
                    })
                .compose(
                    pods -> {
                      pods.items().forEach(p -> onPod((Pod) p));
                      return Contexts.on(
                          context, store.watch(Pod.KIND, null, pods.version(), this::onPodEvent));
                    })
                .onSuccess(
                    watch -> {
                      watches.add(watch);
                      resyncs.startTicking();
                      LOG.info(
                          "scheduler started: {} nodes, {} pods pending",
                          cache.nodes().size(),
                          pending.size());
                    })
                .<Void>mapEmpty()
                .onComplete(started));
    return started.future();
  }

  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        ignored -> {
          stopped = true;
          watches.forEach(ClusterStore.Watch::cancel);
          watches.clear();
          batches.stop();
          if (retryLater != null) {
            retryLater.cancel();
          }
          resyncs.stop().onComplete(done);
        });
    return done.future();
  }

  /**
   * Level-triggered safety net: re-lists nodes and pods, takes whatever the watch may have missed
   * (a new or deleted node, an unbound pod, a bound or deleted pod), then retries unschedulable
   * pods.
   */
  private Future<Void> resync() {
    if (stopped) {
      return Future.succeededFuture();
    }
    return Contexts.on(
            context,
            store
                .list(Node.KIND, null)
                .compose(
                    nodes -> store.list(Pod.KIND, null).map(pods -> new Listings(nodes, pods))))
        .map(
            listings -> {
              Set<String> names = new HashSet<>();
              for (var n : listings.nodes().items()) {
                names.add(n.metadata().name());
                cache.upsertNode((Node) n);
              }
              for (NodeUsage known : List.copyOf(cache.nodes())) {
                // Only what the listing is new enough to vouch for: a node seen after it stays.
                if (!names.contains(known.name())
                    && SchedulingCache.version(known.node()) <= listings.nodes().version()) {
                  cache.removeNode(known.name());
                }
              }
              Set<ObjectKey> listed = new HashSet<>();
              for (var p : listings.pods().items()) {
                listed.add(ObjectKey.of(p));
                onPod((Pod) p);
              }
              cache.forgetMissing(listed, listings.pods().version());
              return (Void) null;
            })
        .onComplete(done -> retryUnschedulable());
  }

  private record Listings(ClusterStore.Listing nodes, ClusterStore.Listing pods) {}

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
    batches.signal();
  }

  private void retryUnschedulable() {
    if (unschedulable.isEmpty() || retryLater != null || stopped) {
      return;
    }
    Instant now = clock.instant();
    Duration sinceLast =
        lastRetry == null ? options.unschedulableMinGap() : Duration.between(lastRetry, now);
    if (sinceLast.compareTo(options.unschedulableMinGap()) < 0) {
      // Churn (pods finishing, nodes changing) must not re-place every waiting pod each time.
      retryLater =
          timer.schedule(
              options.unschedulableMinGap().minus(sinceLast),
              () -> {
                retryLater = null;
                retryUnschedulable();
              });
      return;
    }
    lastRetry = now;
    pending.putAll(unschedulable);
    unschedulable.clear();
    batches.signal();
  }

  /** Places the pending pods in one batch; completes once every write of the batch has ended. */
  private Future<?> placeBatch() {
    if (stopped || pending.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Pod> batch = new ArrayList<>(pending.values());
    pending.clear();
    Promise<Void> placed = Promise.promise();
    placeChunk(batch, 0, new ArrayList<>(batch.size()), placed);
    return placed.future();
  }

  /** Places up to {@link #PODS_PER_TURN} pods, then yields the event loop before the next chunk. */
  private void placeChunk(List<Pod> batch, int from, List<Future<?>> writes, Promise<Void> placed) {
    if (stopped) {
      placed.complete();
      return;
    }
    int to = Math.min(batch.size(), from + PODS_PER_TURN);
    List<NodeUsage> nodes = cache.nodes();
    int enough = Placement.feasibleNodesToFind(nodes.size());
    for (int i = from; i < to; i++) {
      Pod pod = batch.get(i);
      long attemptStarted = System.nanoTime();
      PodRequest request = PodRequest.of(pod);
      VolumeBinding.Check claims = volumes.check(pod);
      if (claims instanceof VolumeBinding.Wait wait) {
        unschedulable.put(request.key(), pod);
        writes.add(
            explain(
                request.key(),
                "0/" + nodes.size() + " nodes are available: " + wait.message() + "."));
        continue;
      }
      VolumeBinding.Place volumePlace = (VolumeBinding.Place) claims;
      request = request.withVolumeAffinity(volumePlace.affinity());
      int start = nodes.isEmpty() ? 0 : nextStart % nodes.size();
      Decision decision = placement.place(request, nodes, start, enough);
      if (decision instanceof Decision.Bind bind) {
        nextStart = start + bind.examined();
        String node = bind.node().name();
        cache.assume(request, node);
        inFlight.add(request.key());
        writes.add(
            timed(bindPod(request, node, volumePlace.unbound()), "scheduled", attemptStarted));
      } else if (decision instanceof Decision.Unschedulable refusal) {
        unschedulable.put(request.key(), pod);
        writes.add(
            timed(explain(request.key(), refusal.message()), "unschedulable", attemptStarted));
      }
    }
    if (to < batch.size()) {
      context.runOnContext(ignored -> placeChunk(batch, to, writes, placed));
      return;
    }
    LOG.debug("placed a batch of {} pods", batch.size());
    Future.join(writes).onComplete(done -> placed.complete());
  }

  /** Records Scheduled and FailedScheduling events on the pods, as upstream's scheduler. */
  public Scheduler withEvents(EventRecorder value) {
    this.events = value;
    return this;
  }

  /**
   * Times scheduling attempts from now on in {@code registry}: from taking the pod off the queue to
   * its binding (or its refusal) being written, by result, as the Kubernetes scheduler's {@code
   * scheduling_attempt_duration_seconds}.
   */
  public Scheduler meterWith(MeterRegistry registry) {
    this.meters = registry;
    return this;
  }

  /** {@code write} with its attempt recorded once it completes; bind and explain never fail. */
  private Future<Void> timed(Future<Void> write, String result, long started) {
    return write.andThen(
        done ->
            Latency.since(
                meters,
                started,
                "shoal.scheduler.attempt",
                "Scheduling attempts, from the queue to the written binding or refusal",
                "result",
                result));
  }

  /**
   * Writes the node on the pod's delayed-binding claims (for the node's provisioner), then binds
   * the pod; a failure of either is retried as one.
   */
  private Future<Void> bindPod(
      PodRequest request,
      String node,
      List<dev.shoal.manifests.model.PersistentVolumeClaim> claims) {
    return Contexts.on(
            context,
            ClaimSelection.select(store, claims, node)
                .compose(
                    v ->
                        store.modify(
                            request.key(), PodScheduledWrites.bind(node, clock.instant()))))
        .<Void>map(
            stored -> {
              inFlight.remove(request.key());
              writeRetries.succeeded(request.key());
              Pod pod = (Pod) stored;
              if (!node.equals(pod.spec().nodeName())) {
                cache.observe(pod);
              } else {
                events.normal(
                    ObjectReference.to(pod),
                    "Scheduled",
                    "Successfully assigned "
                        + pod.metadata().namespace()
                        + "/"
                        + pod.metadata().name()
                        + " to "
                        + node);
              }
              return null;
            })
        .recover(
            e -> {
              inFlight.remove(request.key());
              cache.forget(request.key());
              retryLater(request.key(), "bind to " + node, e);
              return Future.succeededFuture();
            });
  }

  /**
   * Writes PodScheduled=False with the reason no node fits; a failed write is logged and tried
   * again.
   */
  private Future<Void> explain(ObjectKey key, String message) {
    return Contexts.on(
            context, store.modify(key, PodScheduledWrites.unschedulable(message, clock.instant())))
        .<Void>map(
            stored -> {
              writeRetries.succeeded(key);
              events.warning(ObjectReference.to(stored), "FailedScheduling", message);
              return null;
            })
        .recover(
            e -> {
              retryLater(key, "the unschedulable reason", e);
              return Future.succeededFuture();
            });
  }

  /**
   * A write for the pod failed: after its back-off, re-read it and place it again (through the
   * batch, so the write is made again from what the store holds then). A pod that is gone, or a
   * term that is over (the write was fenced: a newer leader schedules now), is left alone.
   */
  private void retryLater(ObjectKey key, String what, Throwable failure) {
    if (stopped || hasReason(failure, StoreException.Reason.NOT_FOUND)) {
      writeRetries.succeeded(key);
      return;
    }
    if (hasReason(failure, StoreException.Reason.FENCED)) {
      LOG.debug("write of {} for pod {} fenced: {}", what, key, failure.toString());
      return;
    }
    Duration delay = writeRetries.failed(key);
    int failures = writeRetries.failures(key);
    if (failures == 1) {
      LOG.warn(
          "write of {} for pod {} failed, trying again in {} ms: {}",
          what,
          key,
          delay.toMillis(),
          failure.toString());
    } else {
      LOG.debug(
          "write of {} for pod {} failed {} times, trying again in {} ms: {}",
          what,
          key,
          failures,
          delay.toMillis(),
          failure.toString());
    }
    timer.schedule(
        delay,
        () ->
            Contexts.on(context, store.get(key))
                .onComplete(
                    read -> {
                      if (read.succeeded()) {
                        unschedulable.remove(key);
                        onPod((Pod) read.result());
                      } else {
                        retryLater(key, "the read before another try", read.cause());
                      }
                    }));
  }

  private static boolean hasReason(Throwable failure, StoreException.Reason reason) {
    return failure instanceof StoreException e && e.reason() == reason;
  }
}
