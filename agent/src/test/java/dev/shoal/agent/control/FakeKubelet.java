package dev.shoal.agent.control;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for every node's pod worker: marks bound pods Running with a pod IP and, while {@link
 * #autoReady} is on, Ready. No containers. Pods on {@link #silence}d nodes are left alone. Times
 * (heartbeats, start and ready times) come from its {@link Timer}, which a test may fake.
 */
public final class FakeKubelet {

  private final Vertx vertx;
  private final ClusterStore store;
  private final Timer timer;
  private final AtomicBoolean autoReady = new AtomicBoolean(true);
  private final Set<String> silent = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ips = new AtomicInteger(1);
  private final AtomicBoolean stopped = new AtomicBoolean();
  private ClusterStore.Watch watch;

  public FakeKubelet(Vertx vertx, ClusterStore store) {
    this(vertx, store, Timer.system());
  }

  public FakeKubelet(Vertx vertx, ClusterStore store, Timer timer) {
    this.vertx = vertx;
    this.store = store;
    this.timer = timer;
  }

  public Future<Void> start() {
    io.vertx.core.Promise<Void> started = io.vertx.core.Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            ignored ->
                store
                    .list(Pod.KIND, null)
                    .compose(
                        listing -> {
                          listing.items().forEach(p -> run((Pod) p));
                          return store.watch(Pod.KIND, null, listing.version(), this::onEvent);
                        })
                    .<Void>map(
                        w -> {
                          watch = w;
                          return null;
                        })
                    .onComplete(started));
    return started.future();
  }

  public void stop() {
    stopped.set(true);
    if (watch != null) {
      watch.cancel();
    }
  }

  /**
   * Every {@code periodMillis} on the timer, refreshes the Ready heartbeat of every node that is
   * not silenced.
   */
  public void heartbeat(long periodMillis) {
    vertx.getOrCreateContext().runOnContext(ignored -> beatEvery(Duration.ofMillis(periodMillis)));
  }

  private void beatEvery(Duration period) {
    timer.schedule(
        period,
        () -> {
          if (!stopped.get()) {
            beat();
            beatEvery(period);
          }
        });
  }

  private void beat() {
    store
        .list(Node.KIND, null)
        .onSuccess(
            listing -> {
              for (Resource r : listing.items()) {
                if (!silent.contains(r.metadata().name())) {
                  store.modify(
                      ObjectKey.of(r),
                      current -> {
                        Node node = (Node) current;
                        Instant now = now();
                        List<NodeCondition> conditions = new ArrayList<>();
                        conditions.add(
                            new NodeCondition("Ready", "True", "KubeletReady", null, now, now));
                        return node.withStatus(node.status().withConditions(conditions));
                      });
                }
              }
            });
  }

  private Instant now() {
    return timer.clock().instant();
  }

  public void autoReady(boolean value) {
    autoReady.set(value);
  }

  public void silence(String node) {
    silent.add(node);
  }

  /** The node heartbeats (and runs its pods) again, as an agent that came back. */
  public void unsilence(String node) {
    silent.remove(node);
  }

  /** Marks every running, not-yet-ready pod Ready now. */
  public Future<Void> makeAllReady() {
    return store
        .list(Pod.KIND, null)
        .compose(
            listing -> {
              List<Future<?>> writes = new ArrayList<>();
              for (Resource r : listing.items()) {
                Pod pod = (Pod) r;
                if (pod.status() != null
                    && "Running".equals(pod.status().phase())
                    && !pod.status().isReady()) {
                  writes.add(
                      store
                          .modify(ObjectKey.of(pod), current -> ready((Pod) current))
                          .recover(e -> Future.succeededFuture()));
                }
              }
              return Future.all(writes).mapEmpty();
            });
  }

  private void onEvent(WatchEvent event) {
    if (event.type() != WatchEvent.Type.DELETED) {
      run((Pod) event.object());
    }
  }

  private void run(Pod pod) {
    if (pod.spec().nodeName() == null || silent.contains(pod.spec().nodeName())) {
      return;
    }
    if (pod.metadata().deletionTimestamp() != null) {
      // A graceful delete: the node stops the containers at once and removes the pod.
      store.delete(ObjectKey.of(pod)).recover(e -> Future.succeededFuture());
      return;
    }
    boolean running = pod.status() != null && !"Pending".equals(pod.status().phase());
    if (running) {
      return;
    }
    String ip = "198.18.0." + ips.getAndIncrement();
    store
        .modify(
            ObjectKey.of(pod),
            current -> {
              Pod p = (Pod) current;
              if (p.status() != null && !"Pending".equals(p.status().phase())) {
                return current;
              }
              PodStatus base =
                  p.status() == null ? PodStatus.phase("Running") : p.status().withPhase("Running");
              Pod started = p.withStatus(base.withIPs("192.0.2.1", ip).withStartTime(now()));
              return autoReady.get() ? ready(started) : started;
            })
        .recover(e -> Future.succeededFuture());
  }

  private Pod ready(Pod pod) {
    List<PodCondition> conditions = new ArrayList<>();
    if (pod.status().conditions() != null) {
      pod.status().conditions().stream()
          .filter(c -> !"Ready".equals(c.type()))
          .forEach(conditions::add);
    }
    conditions.add(new PodCondition("Ready", "True", null, null, null, now()));
    return pod.withStatus(pod.status().withConditions(conditions));
  }
}
