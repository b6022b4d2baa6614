package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ContainerRuntime;
import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.RuntimeFailure;
import dev.shoal.agent.worker.PodAction.CreateSandbox;
import dev.shoal.agent.worker.PodAction.RemoveContainer;
import dev.shoal.agent.worker.PodAction.StartContainer;
import dev.shoal.agent.worker.PodAction.StopContainer;
import dev.shoal.manifests.model.ContainerStateWaiting;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of one live pod: observe its containers, plan, write the status if it changed, align
 * probes, then apply the plan's actions in order. Yields whether anything changed, so the worker
 * can look again at once instead of at the next resync.
 */
final class PodSyncer {
  private static final Logger LOG = LoggerFactory.getLogger(PodSyncer.class);

  /**
   * The outcome of one sync: something changed (look again soon), and the end of a back-off to wake
   * up for.
   */
  record Result(boolean changed, java.time.Instant wakeAt) {}

  private final ContainerRuntime runtime;
  private final PodHost host;
  private final PodPlanner planner;
  private final PodVolumes volumes;
  private final PodConfig config;
  private final ProbeManager probes;
  private final Clock clock;
  private final Map<String, Map<String, ContainerStateWaiting>> problems =
      new ConcurrentHashMap<>();

  /** What this worker last wrote per pod, and when: the store may not have shown it back yet. */
  private record Written(PodStatus status, java.time.Instant at) {}

  private static final java.time.Duration ECHO_WAIT = java.time.Duration.ofSeconds(5);

  private final Map<String, Written> written = new ConcurrentHashMap<>();
  private final java.util.Set<String> prepared = ConcurrentHashMap.newKeySet();

  /**
   * Inspections per pod, reused while the listing shows the container in the same running state.
   */
  private final Map<String, Map<String, ContainerInfo>> inspected = new ConcurrentHashMap<>();

  PodSyncer(
      ContainerRuntime runtime,
      PodHost host,
      PodPlanner planner,
      PodVolumes volumes,
      PodConfig config,
      ProbeManager probes,
      Clock clock) {
    this.runtime = runtime;
    this.host = host;
    this.planner = planner;
    this.volumes = volumes;
    this.config = config;
    this.probes = probes;
    this.clock = clock;
  }

  Future<Result> sync(Pod pod, List<ContainerSummary> containers) {
    String uid = pod.metadata().uid();
    if (!prepared.contains(uid)) {
      return ClaimMount.resolve(host, pod)
          .compose(
              claims -> {
                if (claims.waiting() != null) {
                  // Not mountable yet (its volume is being made): look again shortly.
                  return Future.succeededFuture(
                      new Result(false, clock.instant().plus(ClaimMount.RETRY)));
                }
                return volumes
                    .create(pod, claims.dirs())
                    .onSuccess(v -> prepared.add(uid))
                    .compose(v -> sync(pod, containers));
              });
    }
    return observe(uid, containers)
        .compose(
            observed -> {
              probes.update(pod, observed);
              PodPlan plan =
                  planner.plan(
                      pod, observed, probes, problems.getOrDefault(uid, Map.of()), clock.instant());
              recordBackOffs(pod, plan.status());
              // Containers start with (and downward API files show) the status just planned: the
              // pod's IP is known once its sandbox runs, before the store has shown it back.
              Pod current = pod.withStatus(plan.status());
              return writeStatus(pod, plan.status())
                  .compose(w -> addressed(current, plan.actions()))
                  .compose(w -> apply(current, plan.actions()))
                  .compose(changed -> config.refresh(current, clock.instant()).map(changed))
                  .map(changed -> new Result(changed, plan.wakeAt()));
            });
  }

  /** Before a container starts: the node's policy rules must hold the pod with its address. */
  private Future<Void> addressed(Pod pod, List<PodAction> actions) {
    boolean starts = actions.stream().anyMatch(a -> a instanceof StartContainer);
    return starts && pod.status() != null && pod.status().podIP() != null
        ? host.podAddressed(pod)
        : Future.succeededFuture();
  }

  /** A Secret or ConfigMap changed: pods whose files read it refresh them at their next sync. */
  void sourceChanged(String kind, String namespace, String name) {
    config.sourceChanged(kind, namespace, name);
  }

  /** Forgets what was kept for a pod that is gone. */
  void forget(String uid) {
    problems.remove(uid);
    written.remove(uid);
    prepared.remove(uid);
    inspected.remove(uid);
    config.forget(uid);
    probes.forget(uid);
  }

  /**
   * Inspects the pod's containers. A container's details only change when it starts or stops, which
   * the listing shows, so an inspection is reused while the listing agrees with it: a quiet pod
   * costs no call.
   */
  private Future<ObservedPod> observe(String uid, List<ContainerSummary> containers) {
    Map<String, ContainerInfo> known =
        inspected.computeIfAbsent(uid, k -> new ConcurrentHashMap<>());
    known.keySet().retainAll(containers.stream().map(ContainerSummary::id).toList());
    List<Future<ContainerInfo>> infos = new ArrayList<>();
    for (ContainerSummary c : containers) {
      ContainerInfo cached = known.get(c.id());
      if (cached != null && ContainerOutcome.isRunning(cached) == c.running()) {
        infos.add(Future.succeededFuture(cached));
        continue;
      }
      infos.add(
          runtime
              .inspect(c.id())
              .onSuccess(info -> known.put(info.id(), info))
              .recover(
                  e ->
                      RuntimeFailure.is(e, RuntimeFailure.Kind.NOT_FOUND)
                          ? Future.succeededFuture(null)
                          : Future.failedFuture(e)));
    }
    return Future.all(infos)
        .map(
            all ->
                ObservedPod.of(
                    infos.stream().map(Future::result).filter(Objects::nonNull).toList()));
  }

  private Future<Void> writeStatus(Pod pod, PodStatus status) {
    String uid = pod.metadata().uid();
    Written last = written.get(uid);
    if (status.equals(pod.status())
        || (last != null
            && status.equals(last.status())
            && last.at().plus(ECHO_WAIT).isAfter(clock.instant()))) {
      return Future.succeededFuture();
    }
    return host.writeStatus(pod, status)
        .onSuccess(v -> written.put(uid, new Written(status, clock.instant())))
        .recover(
            e -> {
              LOG.warn(
                  "status of pod {}/{} not written: {}",
                  pod.metadata().namespace(),
                  pod.metadata().name(),
                  e.toString());
              return Future.succeededFuture();
            });
  }

  /**
   * Applies actions in order, except that consecutive container starts run together (app containers
   * start at once).
   */
  private Future<Boolean> apply(Pod pod, List<PodAction> actions) {
    Future<Boolean> changed = Future.succeededFuture(false);
    int i = 0;
    while (i < actions.size()) {
      int end = i + 1;
      if (actions.get(i) instanceof StartContainer) {
        while (end < actions.size() && actions.get(end) instanceof StartContainer) {
          end++;
        }
      }
      List<PodAction> group = actions.subList(i, end);
      changed =
          changed.compose(
              before -> {
                List<Future<Boolean>> running = group.stream().map(a -> guarded(pod, a)).toList();
                return Future.all(running)
                    .map(all -> before || running.stream().anyMatch(Future::result));
              });
      i = end;
    }
    return changed;
  }

  private Future<Boolean> guarded(Pod pod, PodAction a) {
    return act(pod, a)
        .recover(
            e -> {
              LOG.warn(
                  "pod {}/{}: {} failed: {}",
                  pod.metadata().namespace(),
                  pod.metadata().name(),
                  a.getClass().getSimpleName(),
                  e.getMessage());
              return Future.succeededFuture(false);
            });
  }

  private Future<Boolean> act(Pod pod, PodAction action) {
    String uid = pod.metadata().uid();
    if (action instanceof CreateSandbox c) {
      return runtime
          .ensureSandboxImage()
          .compose(image -> runtime.runSandbox(c.spec().withImage(image)))
          .map(id -> clearProblem(uid, ContainerOutcome.SANDBOX_PROBLEM))
          .recover(
              e -> {
                LOG.warn(
                    "pod {}/{}: sandbox not created: {}",
                    pod.metadata().namespace(),
                    pod.metadata().name(),
                    e.getMessage());
                return Future.succeededFuture(
                    recordProblem(
                        uid,
                        ContainerOutcome.SANDBOX_PROBLEM,
                        new ContainerStateWaiting(
                            "ContainerCreating",
                            "Failed to create pod sandbox: " + e.getMessage())));
              });
    }
    if (action instanceof StopContainer s) {
      LOG.info(
          "pod {}/{}: stopping container {} because {}",
          pod.metadata().namespace(),
          pod.metadata().name(),
          s.name(),
          s.why());
      if (probes.livenessFailed(s.containerId())) {
        probes.killedForLiveness(pod, s.name(), s.containerId());
      } else {
        host.events()
            .normal(
                ProbeManager.containerRef(pod, s.name()),
                "Killing",
                "Stopping container " + s.name());
      }
      return runtime.stop(s.containerId(), s.grace()).map(true);
    }
    if (action instanceof RemoveContainer r) {
      return runtime.remove(r.containerId()).map(true);
    }
    StartContainer s = (StartContainer) action;
    return config
        .prepare(pod, s.container(), s.spec())
        .compose(
            prepared -> {
              if (prepared instanceof PodConfig.Prepared.Waiting w) {
                return Future.succeededFuture(
                    recordProblem(
                        uid,
                        s.container().name(),
                        new ContainerStateWaiting(ConfigSources.CONFIG_ERROR, w.message())));
              }
              return start(pod, s, ((PodConfig.Prepared.Ready) prepared).spec());
            });
  }

  private Future<Boolean> start(
      Pod pod, StartContainer s, dev.shoal.agent.runtime.ContainerSpec spec) {
    String uid = pod.metadata().uid();
    return Future.all(s.obsolete().stream().map(runtime::remove).toList())
        .compose(v -> runtime.runContainer(spec))
        .onSuccess(id -> started(pod, s))
        .map(id -> clearProblem(uid, s.container().name()))
        .recover(
            e -> {
              if (RuntimeFailure.is(e, RuntimeFailure.Kind.IMAGE_NOT_PRESENT)) {
                return Future.succeededFuture(
                    recordProblem(uid, s.container().name(), imageProblem(s, e)));
              }
              if (RuntimeFailure.is(e, RuntimeFailure.Kind.INVALID_SPEC)) {
                return Future.succeededFuture(
                    recordProblem(
                        uid,
                        s.container().name(),
                        new ContainerStateWaiting(ConfigSources.CONFIG_ERROR, e.getMessage())));
              }
              if (RuntimeFailure.is(e, RuntimeFailure.Kind.START_FAILED)) {
                clearProblem(uid, s.container().name());
                return Future.succeededFuture(true);
              }
              return Future.failedFuture(e);
            });
  }

  /**
   * kubelet's events for a container it made and started (the engine does both in one call here).
   */
  private void started(Pod pod, StartContainer s) {
    var about = ProbeManager.containerRef(pod, s.container().name());
    host.events().normal(about, "Created", "Created container " + s.container().name());
    host.events().normal(about, "Started", "Started container " + s.container().name());
  }

  /**
   * A Warning BackOff for each container waiting out its restart back-off, as kubelet records on
   * every sync.
   */
  private void recordBackOffs(Pod pod, PodStatus status) {
    if (status.containerStatuses() == null) {
      return;
    }
    for (var c : status.containerStatuses()) {
      if (c.state() != null
          && c.state().waiting() != null
          && ContainerOutcome.CRASH_LOOP.equals(c.state().waiting().reason())) {
        host.events()
            .warning(
                ProbeManager.containerRef(pod, c.name()),
                "BackOff",
                "Back-off restarting failed container "
                    + c.name()
                    + " in pod "
                    + pod.metadata().name()
                    + "_"
                    + pod.metadata().namespace()
                    + "("
                    + pod.metadata().uid()
                    + ")");
      }
    }
  }

  /**
   * Shoal never pulls: a missing image waits with ErrImageNeverPull (policy Never) or
   * ImagePullBackOff.
   */
  private static ContainerStateWaiting imageProblem(StartContainer s, Throwable e) {
    String image = s.container().image();
    if ("Never".equals(s.container().imagePullPolicy())) {
      return new ContainerStateWaiting(
          "ErrImageNeverPull",
          "Container image \"" + image + "\" is not present with pull policy of Never");
    }
    return new ContainerStateWaiting(
        "ImagePullBackOff",
        "Back-off pulling image \""
            + image
            + "\": it is not present on this node and Shoal does not pull from registries; load or build it into the node's engine");
  }

  private boolean recordProblem(String uid, String container, ContainerStateWaiting w) {
    ContainerStateWaiting before =
        problems.computeIfAbsent(uid, k -> new ConcurrentHashMap<>()).put(container, w);
    return !w.equals(before);
  }

  private boolean clearProblem(String uid, String container) {
    Map<String, ContainerStateWaiting> m = problems.get(uid);
    if (m != null) {
      m.remove(container);
    }
    return true;
  }
}
