package dev.shoal.agent.scheduler.bench;

import dev.shoal.agent.scheduler.Scheduler;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code bench/scheduler/run}: 1,000 hollow nodes in an InMemoryStore, a burst of N pending pods,
 * and the time from each pod's creation to its bind as seen through a store watch. Runs Shoal's
 * scheduler, then the naive reference ({@link NaiveScheduler}), prints a table and one RESULT line.
 *
 * <p>Arguments: {@code [nodes=1000] [pods=10000] [referencePods=1000]}: the reference places the
 * first {@code referencePods} of the same burst (all {@code pods} pending), a fixed amount of work.
 */
public final class SchedulerBench {

  /**
   * Arrival rate of the paced run, pods per second: below capacity, so latency is the scheduler's
   * own.
   */
  static final int PACED_RATE = 2000;

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int pods = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int referencePods = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    Vertx vertx = Vertx.vertx();
    try {
      warmUp(vertx);
      Run shoal = runShoal(vertx, nodes, pods, 0);
      Run paced = runShoal(vertx, nodes, Math.min(pods, PACED_RATE * 2), PACED_RATE);
      Run naive = runNaive(vertx, nodes, pods, Math.min(pods, referencePods));
      print(nodes, pods, Math.min(pods, referencePods), shoal, paced, naive);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** A short untimed run so the JIT has compiled the hot paths before the measured one. */
  private static void warmUp(Vertx vertx) throws Exception {
    runShoal(vertx, 200, 4000, 0);
  }

  /** A burst when {@code perSecond} is 0, else pods arrive at that rate. */
  private static Run runShoal(Vertx vertx, int nodes, int pods, int perSecond) throws Exception {
    InMemoryStore store = BenchCluster.store(pods);
    for (int i = 0; i < nodes; i++) {
      await(store.create(BenchCluster.node(i)));
    }
    Scheduler scheduler = new Scheduler(vertx, store);
    await(scheduler.start());
    BindClock clock = new BindClock(pods);
    await(clock.watch(vertx, store));
    long start = System.nanoTime();
    for (int i = 0; i < pods; i++) {
      if (perSecond > 0) {
        long due = start + i * 1_000_000_000L / perSecond;
        while (System.nanoTime() < due) {
          LockSupport.parkNanos(due - System.nanoTime());
        }
      }
      Pod pod = BenchCluster.pod(i);
      clock.created(ObjectKey.of(pod));
      await(store.create(pod));
    }
    long createdAt = System.nanoTime();
    if (!clock.allBound.await(120, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "only " + (pods - clock.allBound.getCount()) + " of " + pods + " pods bound");
    }
    long end = clock.lastBound;
    clock.stop();
    await(scheduler.stop());
    Run run = clock.result(pods, start, end, createdAt - start);
    check(store, nodes);
    return run;
  }

  private static Run runNaive(Vertx vertx, int nodes, int pods, int toPlace) throws Exception {
    InMemoryStore store = BenchCluster.store(pods);
    for (int i = 0; i < nodes; i++) {
      await(store.create(BenchCluster.node(i)));
    }
    BindClock clock = new BindClock(pods);
    long start = System.nanoTime();
    for (int i = 0; i < pods; i++) {
      Pod pod = BenchCluster.pod(i);
      clock.created(ObjectKey.of(pod));
      await(store.create(pod));
    }
    long createdAt = System.nanoTime();
    int placed = new NaiveScheduler(store).run(toPlace, key -> clock.bound(key, System.nanoTime()));
    // Its rate counts from when it starts placing, so the creation of the burst is not charged to
    // it.
    return clock.result(placed, createdAt, clock.lastBound, createdAt - start);
  }

  /** Every node's bound pods fit its allocatable cpu, memory and pod count. */
  private static void check(ClusterStore store, int nodes) throws Exception {
    Map<String, long[]> use = new HashMap<>();
    for (Resource r : await(store.list(Pod.KIND, null)).items()) {
      Pod pod = (Pod) r;
      long[] u = use.computeIfAbsent(pod.spec().nodeName(), n -> new long[3]);
      u[0] += 100;
      u[1] += 128L << 20;
      u[2]++;
    }
    for (Map.Entry<String, long[]> e : use.entrySet()) {
      long[] u = e.getValue();
      if (e.getKey() == null || u[0] > 4000 || u[1] > (16L << 30) || u[2] > 110) {
        throw new IllegalStateException(
            "node " + e.getKey() + " over capacity: " + Arrays.toString(u));
      }
    }
  }

  private static void print(
      int nodes, int pods, int referencePods, Run shoal, Run paced, Run naive) {
    System.out.printf(
        "%nScheduler benchmark: %d hollow nodes (InMemoryStore, no containers), burst of %d pods "
            + "(100m/128Mi, 200 owners, 10%% with a zone nodeSelector), %d cores%n",
        nodes, pods, Runtime.getRuntime().availableProcessors());
    System.out.printf(
        "reference = naive: same filters/scorers, no cache, no batching; re-lists nodes and pods "
            + "and binds one pod at a time (the first %d pods of the same burst)%n%n",
        referencePods);
    System.out.printf(
        "%-22s %8s %14s %9s %9s %9s %9s %9s%n",
        "scheduler", "placed", "placements/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "create ms");
    row("shoal, burst", shoal);
    row("naive reference, burst", naive);
    System.out.printf(
        "%-22s %8d %14s %9.1f %9.1f %9.1f %9.1f %9s   (arrivals paced at %d/s: latency only)%n",
        "shoal, paced",
        paced.placed(),
        "-",
        paced.percentile(0.50),
        paced.percentile(0.90),
        paced.percentile(0.99),
        paced.percentile(1.0),
        "-",
        PACED_RATE);
    double ratio = shoal.rate() / naive.rate();
    System.out.printf(
        "%nRESULT scheduler %.0f placements/s ref=%.0f ratio=%.1f%n",
        shoal.rate(), naive.rate(), ratio);
  }

  private static void row(String name, Run r) {
    System.out.printf(
        "%-22s %8d %14.0f %9.1f %9.1f %9.1f %9.1f %9.1f%n",
        name,
        r.placed(),
        r.rate(),
        r.percentile(0.50),
        r.percentile(0.90),
        r.percentile(0.99),
        r.percentile(1.0),
        r.createMillis());
  }

  record Run(int placed, double rate, long[] latenciesNanos, double createMillis) {
    double percentile(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int index =
          (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
      return latenciesNanos[Math.max(0, index)] / 1e6;
    }
  }

  /**
   * Creation and bind times per pod; binds are seen through a store watch (Shoal) or reported
   * (naive).
   */
  static final class BindClock {
    final Map<ObjectKey, Long> createdAt = new ConcurrentHashMap<>();
    final Map<ObjectKey, Long> boundAt = new ConcurrentHashMap<>();
    final CountDownLatch allBound;
    volatile long lastBound;
    private ClusterStore.Watch watch;

    BindClock(int pods) {
      allBound = new CountDownLatch(pods);
    }

    void created(ObjectKey key) {
      createdAt.put(key, System.nanoTime());
    }

    void bound(ObjectKey key, long now) {
      if (boundAt.putIfAbsent(key, now) == null) {
        lastBound = Math.max(lastBound, now);
        allBound.countDown();
      }
    }

    io.vertx.core.Future<Void> watch(Vertx vertx, ClusterStore store) {
      Promise<Void> started = Promise.promise();
      vertx
          .getOrCreateContext()
          .runOnContext(
              x ->
                  store
                      .currentVersion()
                      .compose(v -> store.watch(Pod.KIND, null, v, this::onEvent))
                      .<Void>map(
                          w -> {
                            watch = w;
                            return null;
                          })
                      .onComplete(started));
      return started.future();
    }

    private void onEvent(WatchEvent event) {
      Pod pod = (Pod) event.object();
      if (pod.spec().nodeName() != null) {
        bound(event.key(), System.nanoTime());
      }
    }

    void stop() {
      if (watch != null) {
        watch.cancel();
      }
    }

    Run result(int placed, long start, long end, long createNanos) {
      long[] latencies =
          boundAt.entrySet().stream()
              .mapToLong(e -> e.getValue() - createdAt.get(e.getKey()))
              .sorted()
              .toArray();
      double seconds = Math.max(1e-9, (end - start) / 1e9);
      return new Run(placed, placed / seconds, latencies, createNanos / 1e6);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
