package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ShoalLabels;
import dev.shoal.agent.worker.ContainerOutcome.Kind;
import dev.shoal.agent.worker.PodAction.CreateSandbox;
import dev.shoal.agent.worker.PodAction.RemoveContainer;
import dev.shoal.agent.worker.PodAction.StartContainer;
import dev.shoal.agent.worker.PodAction.StopContainer;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerStateWaiting;
import dev.shoal.manifests.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kubelet's {@code syncPod} as a pure function: from a pod (not being deleted), what the engine has
 * for it, the probe results and the start problems met so far, decides the next actions and the
 * status to report. Order: sandbox first, then init containers one at a time to completion, then
 * every app container; a crashed container restarts per restartPolicy once its back-off has passed.
 */
final class PodPlanner {
  private final WorkerConfig config;
  private final PodContainers specs;
  private final PodStatusBuilder statuses;

  PodPlanner(WorkerConfig config, PodContainers specs) {
    this.config = config;
    this.specs = specs;
    this.statuses = new PodStatusBuilder(config.hostIP());
  }

  PodPlan plan(
      Pod pod,
      ObservedPod observed,
      ProbeResults probes,
      Map<String, ContainerStateWaiting> problems,
      Instant now) {
    if (pod.status() != null && isTerminal(pod.status().phase())) {
      return finished(pod, observed);
    }
    String policy = restartPolicy(pod);
    String ref =
        pod.metadata().name() + "_" + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")";
    List<ContainerOutcome> inits = new ArrayList<>();
    for (Container c : pod.spec().initContainersOrEmpty()) {
      inits.add(ContainerOutcome.evaluate(c, true, policy, observed, problems, config, ref, now));
    }
    List<ContainerOutcome> apps = new ArrayList<>();
    for (Container c : pod.spec().containersOrEmpty()) {
      apps.add(ContainerOutcome.evaluate(c, false, policy, observed, problems, config, ref, now));
    }
    boolean initialized = inits.stream().allMatch(o -> o.kind() == Kind.SUCCEEDED);
    if (!initialized) {
      apps =
          apps.stream()
              .map(
                  o ->
                      o.kind() == Kind.NOT_STARTED && !problems.containsKey(o.name())
                          ? new ContainerOutcome(
                              o.container(),
                              false,
                              null,
                              o.previous(),
                              Kind.NOT_STARTED,
                              new ContainerStateWaiting("PodInitializing", null),
                              null)
                          : o)
              .toList();
    }
    String phase = PodStatusBuilder.phase(policy, inits, apps);
    List<PodAction> actions = new ArrayList<>();
    ContainerInfo sandbox = observed.sandbox();
    if (isTerminal(phase)) {
      for (ContainerInfo c : observed.all()) {
        if (ContainerOutcome.isRunning(c)) {
          actions.add(
              new StopContainer(
                  c.id(), c.label(ShoalLabels.CONTAINER), grace(pod), "pod is " + phase));
        }
      }
    } else if (sandbox == null || !ContainerOutcome.isRunning(sandbox)) {
      replaceSandbox(pod, observed, sandbox, actions);
    } else {
      stopStrays(pod, observed, sandbox, actions);
      if (!initialized) {
        startNextInit(pod, observed, inits, sandbox, actions);
      } else {
        for (ContainerOutcome o : apps) {
          appActions(pod, observed, o, sandbox, probes, actions);
        }
      }
    }
    Instant wakeAt = null;
    for (ContainerOutcome o : inits.isEmpty() ? apps : concat(inits, apps)) {
      if (o.retryAt() != null && (wakeAt == null || o.retryAt().isBefore(wakeAt))) {
        wakeAt = o.retryAt();
      }
    }
    String podIP =
        sandbox != null && ContainerOutcome.isRunning(sandbox) ? sandbox.ipAddress() : null;
    return new PodPlan(
        actions, statuses.build(pod, phase, podIP, inits, apps, probes, now), wakeAt);
  }

  /**
   * A pod that already reported Succeeded or Failed never runs again: stop what still runs, keep
   * its status.
   */
  private PodPlan finished(Pod pod, ObservedPod observed) {
    List<PodAction> actions = new ArrayList<>();
    for (ContainerInfo c : observed.all()) {
      if (ContainerOutcome.isRunning(c)) {
        actions.add(
            new StopContainer(
                c.id(),
                c.label(ShoalLabels.CONTAINER),
                grace(pod),
                "pod is " + pod.status().phase()));
      }
    }
    return new PodPlan(actions, pod.status(), null);
  }

  static boolean isTerminal(String phase) {
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private void replaceSandbox(
      Pod pod, ObservedPod observed, ContainerInfo sandbox, List<PodAction> actions) {
    for (ContainerInfo c : observed.all()) {
      if (c != sandbox
          && ContainerOutcome.isRunning(c)
          && !ShoalLabels.SANDBOX.equals(c.label(ShoalLabels.CONTAINER))) {
        actions.add(
            new StopContainer(
                c.id(), c.label(ShoalLabels.CONTAINER), grace(pod), "its sandbox is gone"));
      }
    }
    for (ContainerInfo s : observed.sandboxes()) {
      actions.add(new RemoveContainer(s.id(), "sandbox is not running"));
    }
    int attempt = sandbox == null ? 0 : ObservedPod.restartCount(sandbox) + 1;
    actions.add(new CreateSandbox(specs.sandbox(pod, null, attempt)));
  }

  /** Containers still attached to an older sandbox, and sandboxes other than the current one. */
  private void stopStrays(
      Pod pod, ObservedPod observed, ContainerInfo sandbox, List<PodAction> actions) {
    for (ContainerInfo s : observed.sandboxes()) {
      if (s != sandbox) {
        actions.add(new RemoveContainer(s.id(), "replaced sandbox"));
      }
    }
    for (List<ContainerInfo> instances : observed.containers().values()) {
      for (ContainerInfo c : instances) {
        if (ContainerOutcome.isRunning(c)
            && !sandbox.id().equals(c.label(ShoalLabels.SANDBOX_ID))) {
          actions.add(
              new StopContainer(
                  c.id(), c.label(ShoalLabels.CONTAINER), grace(pod), "joined a replaced sandbox"));
        }
      }
    }
    for (String name : observed.containers().keySet()) {
      boolean declared = pod.spec().allContainers().stream().anyMatch(c -> c.name().equals(name));
      if (!declared) {
        observed
            .instances(name)
            .forEach(c -> actions.add(new RemoveContainer(c.id(), "not in the pod spec")));
      }
    }
  }

  private void startNextInit(
      Pod pod,
      ObservedPod observed,
      List<ContainerOutcome> inits,
      ContainerInfo sandbox,
      List<PodAction> actions) {
    for (ContainerOutcome o : inits) {
      if (o.kind() == Kind.SUCCEEDED) {
        continue;
      }
      if (o.kind() == Kind.NOT_STARTED || o.kind() == Kind.RESTART_NOW) {
        actions.add(start(pod, observed, o, sandbox));
      }
      return;
    }
  }

  private void appActions(
      Pod pod,
      ObservedPod observed,
      ContainerOutcome o,
      ContainerInfo sandbox,
      ProbeResults probes,
      List<PodAction> actions) {
    switch (o.kind()) {
      case NOT_STARTED, RESTART_NOW -> actions.add(start(pod, observed, o, sandbox));
      case RUNNING -> {
        if (!PodContainers.hash(o.container())
            .equals(o.latest().label(ShoalLabels.CONTAINER_HASH))) {
          actions.add(new StopContainer(o.latest().id(), o.name(), grace(pod), "its spec changed"));
        } else if (o.container().livenessProbe() != null
            && probes.livenessFailed(o.latest().id())) {
          actions.add(
              new StopContainer(
                  o.latest().id(), o.name(), grace(pod), "it failed its liveness probe"));
        }
      }
      default -> {}
    }
  }

  /**
   * Starts the next instance; the newest old one stays (it is the status's lastState), older ones
   * go.
   */
  private StartContainer start(
      Pod pod, ObservedPod observed, ContainerOutcome o, ContainerInfo sandbox) {
    int restartCount = o.latest() == null ? 0 : ObservedPod.restartCount(o.latest()) + 1;
    List<String> obsolete =
        observed.instances(o.name()).stream().skip(1).map(ContainerInfo::id).toList();
    return new StartContainer(
        o.container(),
        specs.container(pod, o.container(), o.init(), sandbox.id(), restartCount),
        obsolete);
  }

  static String restartPolicy(Pod pod) {
    String p = pod.spec().restartPolicy();
    return p == null || p.isEmpty() ? "Always" : p;
  }

  static Duration grace(Pod pod) {
    return Duration.ofSeconds(PodContainers.graceSeconds(pod));
  }

  private static List<ContainerOutcome> concat(List<ContainerOutcome> a, List<ContainerOutcome> b) {
    List<ContainerOutcome> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
