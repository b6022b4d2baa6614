package dev.shoal.agent.worker;

import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Contexts;
import dev.shoal.agent.control.KeyedCoalescer;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.runtime.ContainerRuntime;
import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.ShoalLabels;
import dev.shoal.manifests.model.Pod;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's pod worker. A pass reads the pods bound to this node and the node's Shoal containers,
 * then syncs every pod (at most one sync per pod at a time; a pod still busy is looked at again
 * when it is done), terminates pods being deleted, and removes containers and volumes of pods no
 * longer bound here. Passes run every {@link WorkerConfig#resyncInterval()}, on {@link
 * #podChanged}, on container start/die events and when a back-off ends; all of them coalesce
 * ({@link CoalescingLoop} for passes, {@link KeyedCoalescer} per pod). The first pass on {@link
 * #start()} adopts what a previous agent left. Timing is on the injected {@link Timer}.
 */
public final class PodWorker {
  private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);

  /**
   * File volumes (secret, configMap, projected, downwardAPI) of running pods are rewritten every
   * this many resync intervals (60 s by default), besides soon after a source they read changes.
   */
  private static final int SECRET_REFRESH_PASSES = 30;

  /**
   * The longest a container may take to stop on {@code --cleanup} (the agent's shutdown waits 30 s
   * in all).
   */
  static final Duration CLEANUP_GRACE = Duration.ofSeconds(5);

  /** The longest {@link #stop()} waits for the pass and the pod syncs in flight. */
  private static final Duration STOP_WAIT = Duration.ofMinutes(2);

  private final Vertx vertx;
  private final ContainerRuntime runtime;
  private final PodHost host;
  private final WorkerConfig config;
  private final PodVolumes volumes;
  private final ProbeCheck.Clients clients;
  private final PodContainers specs;
  private final ProbeManager probes;
  private final PodSyncer syncer;
  private final PodTerminator terminator;
  private final Timer timer;
  private final Context context;
  private final CoalescingLoop passes;
  private final KeyedCoalescer<String> syncs = new KeyedCoalescer<>();
  private final Set<Instant> wakeups = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped = true;

  public PodWorker(Vertx vertx, ContainerRuntime runtime, PodHost host, WorkerConfig config) {
    this(vertx, runtime, host, config, Timer.system());
  }

  /** Passes, wake-ups and the times written into pod status are timed on {@code timer}. */
  public PodWorker(
      Vertx vertx, ContainerRuntime runtime, PodHost host, WorkerConfig config, Timer timer) {
    this.vertx = vertx;
    this.timer = timer;
    this.context = vertx.getOrCreateContext();
    this.runtime = runtime;
    this.host = host;
    this.config = config;
    this.volumes = new PodVolumes(config.dataDir(), config.secretsDir(), vertx.fileSystem());
    this.clients =
        new ProbeCheck.Clients(
            runtime,
            vertx.createNetClient(new NetClientOptions().setConnectTimeout(5000)),
            vertx.createHttpClient(
                new HttpClientOptions()
                    .setKeepAlive(false)
                    .setTrustAll(true)
                    .setVerifyHost(false)));
    this.probes =
        new ProbeManager(
            context,
            timer,
            clients,
            host.events(),
            pod -> podChanged(pod.metadata().namespace(), pod.metadata().name()));
    this.specs = new PodContainers(host.nodeName(), config, volumes);
    this.syncer =
        new PodSyncer(
            runtime,
            host,
            new PodPlanner(config, specs),
            volumes,
            new PodConfig(
                vertx,
                host,
                volumes,
                specs,
                config.resyncInterval().multipliedBy(SECRET_REFRESH_PASSES)),
            probes,
            timer.clock());
    this.terminator = new PodTerminator(runtime, volumes);
    // A failed pass (say the store is not reachable yet) is tried again sooner than the next
    // resync.
    Duration resync = config.resyncInterval();
    Duration retry = resync.compareTo(Duration.ofMillis(200)) > 0 ? Duration.ofMillis(200) : resync;
    this.passes =
        new CoalescingLoop(
            context,
            timer,
            "pod worker of " + host.nodeName(),
            this::pass,
            resync,
            new Backoff(retry, resync));
  }

  /**
   * Gives containers the service-link variables of their namespace (e.g. {@code
   * dev.shoal.agent.network. ServiceEnvSource}), read when each container is created; a container's
   * own env entries win.
   */
  public PodWorker withServiceEnv(
      java.util.function.Function<String, java.util.Map<String, String>> source) {
    specs.serviceEnv(source);
    return this;
  }

  /**
   * Makes sure the sandbox image exists (fails if it cannot be had), adopts or removes what is
   * already on the node (a first pass that fails, e.g. while the store is not ready, is simply
   * retried), then keeps reconciling.
   */
  public Future<Void> start() {
    stopped = false;
    Promise<Void> started = Promise.promise();
    context.runOnContext(
        x ->
            runtime
                .ensureSandboxImage()
                .compose(
                    image ->
                        vertx
                            .fileSystem()
                            .readFile("/etc/resolv.conf")
                            .map(b -> b.toString(java.nio.charset.StandardCharsets.UTF_8))
                            .otherwise(""))
                .compose(
                    resolvConf -> {
                      specs.hostResolvConf(resolvConf);
                      return vertx.fileSystem().mkdirs(volumes.podsDir().toString());
                    })
                .compose(v -> passes.start().otherwise((Void) null))
                .onSuccess(
                    v -> {
                      runtime.onContainerEvent(
                          e -> {
                            if (host.nodeName().equals(e.labels().get(ShoalLabels.NODE))) {
                              requestPass();
                            }
                          });
                      LOG.info("pod worker of node {} started", host.nodeName());
                    })
                .onComplete(started));
    return started.future();
  }

  /**
   * Stops reconciling (containers keep running, to be adopted by the next start) once in-flight
   * syncs end.
   */
  public Future<Void> stop() {
    stopped = true;
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        x -> {
          probes.stopAll();
          Timer.Scheduled giveUp =
              timer.schedule(
                  STOP_WAIT,
                  () -> {
                    LOG.warn(
                        "pod worker of node {}: syncs still running after {} s; stopping anyway",
                        host.nodeName(),
                        STOP_WAIT.toSeconds());
                    done.tryComplete();
                  });
          passes
              .stop()
              .compose(v -> syncs.idle())
              .onComplete(
                  v -> {
                    giveUp.cancel();
                    done.tryComplete();
                  });
        });
    return done.future()
        .eventually(() -> clients.tcp().close())
        .eventually(() -> clients.http().close());
  }

  /**
   * For {@code --cleanup}, after {@link #stop()}: stops (within each pod's grace period, at most
   * {@link #CLEANUP_GRACE}) and removes every container of this node's pods, then their volumes.
   * The pod objects stay in the cluster; once this node is gone their owners recreate them
   * elsewhere.
   */
  public Future<Void> removeEverything() {
    return runtime
        .list(Map.of(ShoalLabels.NODE, host.nodeName()))
        .compose(
            containers -> {
              Map<String, List<ContainerSummary>> byPod = byPod(containers);
              List<Future<Void>> removed = new ArrayList<>();
              byPod.forEach(
                  (uid, mine) -> {
                    Duration grace = PodTerminator.recordedGrace(mine);
                    removed.add(
                        terminator.terminate(
                            uid, mine, grace.compareTo(CLEANUP_GRACE) > 0 ? CLEANUP_GRACE : grace));
                  });
              LOG.info(
                  "cleanup: removing the containers of {} pod(s) on node {}",
                  byPod.size(),
                  host.nodeName());
              return Future.join(removed);
            })
        .compose(v -> volumes.uidsOnDisk())
        .compose(uids -> Future.join(uids.stream().map(volumes::remove).toList()))
        .mapEmpty();
  }

  /**
   * A Secret or ConfigMap ({@code kind}) changed in the cluster: pods that read it as files rewrite
   * them, and containers waiting for it start, at a pass soon.
   */
  public void sourceChanged(String kind, String namespace, String name) {
    syncer.sourceChanged(kind, namespace, name);
    requestPass();
  }

  /** Something about the pod changed in the cluster: reconcile soon. */
  public void podChanged(String namespace, String name) {
    requestPass();
  }

  private void requestPass() {
    if (!stopped) {
      passes.trigger();
    }
  }

  /**
   * One pass (run by {@link #passes}, one at a time): reads the pods and containers and hands each
   * pod to its sync.
   */
  private Future<Void> pass() {
    Future<List<Pod>> pods = Contexts.on(context, host.boundPods());
    Future<List<ContainerSummary>> containers =
        Contexts.on(context, runtime.list(Map.of(ShoalLabels.NODE, host.nodeName())));
    return Future.all(pods, containers).compose(v -> dispatch(pods.result(), containers.result()));
  }

  /** The containers by the uid of the pod they belong to. */
  private static Map<String, List<ContainerSummary>> byPod(List<ContainerSummary> containers) {
    Map<String, List<ContainerSummary>> byPod = new HashMap<>();
    for (ContainerSummary c : containers) {
      byPod.computeIfAbsent(c.label(ShoalLabels.POD_UID), k -> new ArrayList<>()).add(c);
    }
    return byPod;
  }

  private Future<Void> dispatch(List<Pod> pods, List<ContainerSummary> containers) {
    Map<String, List<ContainerSummary>> byPod = byPod(containers);
    Set<String> bound = new HashSet<>();
    for (Pod pod : pods) {
      String uid = pod.metadata().uid();
      bound.add(uid);
      List<ContainerSummary> mine = byPod.getOrDefault(uid, List.of());
      if (pod.metadata().deletionTimestamp() != null) {
        run(uid, () -> terminate(pod, mine));
      } else {
        run(
            uid,
            () ->
                syncer
                    .sync(pod, mine)
                    .map(
                        r -> {
                          if (r.wakeAt() != null) {
                            wakeAt(r.wakeAt());
                          }
                          return r.changed();
                        }));
      }
    }
    for (Map.Entry<String, List<ContainerSummary>> e : byPod.entrySet()) {
      if (!bound.contains(e.getKey())) {
        String uid = e.getKey();
        run(
            uid,
            () -> {
              LOG.info(
                  "removing {} container(s) of pod {}, which is no longer bound to node {}",
                  e.getValue().size(),
                  uid,
                  host.nodeName());
              return terminator
                  .terminate(uid, e.getValue(), PodTerminator.recordedGrace(e.getValue()))
                  .onSuccess(v -> syncer.forget(uid))
                  .map(false);
            });
      }
    }
    return volumes
        .uidsOnDisk()
        .map(
            uids -> {
              for (String uid : uids) {
                if (!bound.contains(uid) && !byPod.containsKey(uid)) {
                  run(uid, () -> volumes.remove(uid).map(false));
                }
              }
              return null;
            });
  }

  private Future<Boolean> terminate(Pod pod, List<ContainerSummary> containers) {
    String uid = pod.metadata().uid();
    Long deletionGrace = pod.metadata().deletionGracePeriodSeconds();
    Duration grace =
        deletionGrace != null
            ? Duration.ofSeconds(Math.max(0, deletionGrace))
            : PodPlanner.grace(pod);
    probes.forget(uid);
    return terminator
        .terminate(uid, containers, grace)
        .compose(v -> Contexts.on(context, host.finishDeletion(pod)))
        .onSuccess(v -> syncer.forget(uid))
        .map(false);
  }

  /**
   * Runs {@code sync} for the key unless one is running; a key skipped meanwhile gets a fresh pass
   * (and so a sync on fresh state) when the running one ends, as does one whose sync changed
   * something.
   */
  private void run(String key, java.util.function.Supplier<Future<Boolean>> sync) {
    if (!syncs.begin(key)) {
      return;
    }
    Future<Boolean> f;
    try {
      f = sync.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(
        ar -> {
          boolean askedAgain = syncs.end(key);
          if (ar.failed()) {
            LOG.warn("sync of pod {} failed: {}", key, ar.cause().toString());
          }
          if (askedAgain || (ar.succeeded() && ar.result())) {
            requestPass();
          }
        });
  }

  private void wakeAt(Instant at) {
    if (!wakeups.add(at)) {
      return;
    }
    Duration delay = Duration.between(timer.clock().instant(), at).plusMillis(5);
    Contexts.run(
        context,
        () ->
            timer.schedule(
                delay,
                () -> {
                  wakeups.remove(at);
                  requestPass();
                }));
  }
}
