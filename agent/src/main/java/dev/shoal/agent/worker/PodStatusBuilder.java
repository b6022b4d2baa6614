package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.worker.ContainerOutcome.Kind;
import dev.shoal.manifests.model.ContainerState;
import dev.shoal.manifests.model.ContainerStateRunning;
import dev.shoal.manifests.model.ContainerStateTerminated;
import dev.shoal.manifests.model.ContainerStatus;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a pod's status from the container outcomes, kubelet-style: phase, the four conditions
 * (keeping a condition's transition time while its value holds), IPs, start time and per-container
 * states. Where a probe is the cause, the status says why: the Ready and ContainersReady messages
 * carry the readiness probe's last failure, and a container killed for its liveness probe says so
 * in its terminated state. Times are whole seconds, as Kubernetes stores them, so an unchanged pod
 * yields an equal status.
 */
final class PodStatusBuilder {
  private final String hostIP;

  PodStatusBuilder(String hostIP) {
    this.hostIP = hostIP;
  }

  PodStatus build(
      Pod pod,
      String phase,
      String podIP,
      List<ContainerOutcome> inits,
      List<ContainerOutcome> apps,
      ProbeResults probes,
      Instant now) {
    PodStatus old = pod.status();
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    List<ContainerStatus> initStatuses = inits.stream().map(o -> status(o, probes)).toList();
    List<ContainerStatus> appStatuses = apps.stream().map(o -> status(o, probes)).toList();
    boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);

    List<String> notInitialized =
        inits.stream().filter(o -> o.kind() != Kind.SUCCEEDED).map(ContainerOutcome::name).toList();
    List<String> notReady = new ArrayList<>();
    for (int i = 0; i < apps.size(); i++) {
      if (!Boolean.TRUE.equals(appStatuses.get(i).ready())) {
        notReady.add(apps.get(i).name());
      }
    }
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition(old, "PodScheduled", true, null, null, at));
    conditions.add(
        condition(
            old,
            "Initialized",
            notInitialized.isEmpty(),
            notInitialized.isEmpty() ? null : "ContainersNotInitialized",
            notInitialized.isEmpty()
                ? null
                : "containers with incomplete status: " + notInitialized,
            at));
    String reason = terminal ? "PodCompleted" : "ContainersNotReady";
    String message =
        terminal
            ? null
            : "containers with unready status: " + notReady + probeReasons(apps, probes);
    boolean ready = notReady.isEmpty() && !terminal;
    conditions.add(
        condition(
            old, "ContainersReady", ready, ready ? null : reason, ready ? null : message, at));
    conditions.add(
        condition(old, "Ready", ready, ready ? null : reason, ready ? null : message, at));

    String ip = podIP != null ? podIP : old == null ? null : old.podIP();
    Instant start = old != null && old.startTime() != null ? old.startTime() : at;
    return new PodStatus(
        phase,
        conditions,
        null,
        null,
        hostIP,
        ip,
        start,
        initStatuses.isEmpty() ? null : initStatuses,
        appStatuses);
  }

  /**
   * kubelet's getPhase: Pending until initialized and every container started; then by
   * running/stopped counts.
   */
  static String phase(String policy, List<ContainerOutcome> inits, List<ContainerOutcome> apps) {
    if (inits.stream().anyMatch(o -> o.kind() == Kind.FAILED)) {
      return "Failed";
    }
    if (!inits.stream().allMatch(o -> o.kind() == Kind.SUCCEEDED)) {
      return "Pending";
    }
    long notStarted = apps.stream().filter(o -> o.kind() == Kind.NOT_STARTED).count();
    long running = apps.stream().filter(o -> o.kind() == Kind.RUNNING).count();
    long stopped = apps.stream().filter(ContainerOutcome::stopped).count();
    long succeeded = apps.stream().filter(o -> o.kind() == Kind.SUCCEEDED).count();
    long restarting =
        apps.stream()
            .filter(o -> o.kind() == Kind.BACKING_OFF || o.kind() == Kind.RESTART_NOW)
            .count();
    if (notStarted > 0 || apps.isEmpty()) {
      return "Pending";
    }
    if (running > 0) {
      return "Running";
    }
    if (stopped > 0) {
      if ("Always".equals(policy) || restarting > 0) {
        return "Running";
      }
      return succeeded == apps.size() ? "Succeeded" : "Failed";
    }
    return "Pending";
  }

  private static ContainerStatus status(ContainerOutcome o, ProbeResults probes) {
    ContainerInfo latest = o.latest();
    int restarts = latest == null ? 0 : ObservedPod.restartCount(latest);
    String id = latest == null ? null : "docker://" + latest.id();
    ContainerState state;
    ContainerState last = o.previous() == null ? null : terminated(o.previous(), probes);
    boolean ready;
    switch (o.kind()) {
      case RUNNING -> {
        state =
            new ContainerState(null, new ContainerStateRunning(seconds(latest.startedAt())), null);
        ready = o.init() || o.container().readinessProbe() == null || probes.ready(latest.id());
      }
      case SUCCEEDED, FAILED -> {
        state = terminated(latest, probes);
        ready = o.init() && o.kind() == Kind.SUCCEEDED;
      }
      case BACKING_OFF, RESTART_NOW -> {
        state = new ContainerState(o.waiting(), null, null);
        last = terminated(latest, probes);
        ready = false;
      }
      default -> {
        state = new ContainerState(o.waiting(), null, null);
        ready = false;
      }
    }
    if (o.init() && o.kind() == Kind.RUNNING) {
      ready = false;
    }
    String imageId =
        latest == null || latest.imageId() == null ? null : "docker://" + latest.imageId();
    return new ContainerStatus(
        o.name(),
        ready,
        restarts,
        o.container().image(),
        imageId,
        id,
        o.kind() == Kind.RUNNING,
        state,
        last);
  }

  /**
   * "; web: Readiness probe failed: HTTP probe failed with statuscode: 503" for each running
   * container failing it.
   */
  private static String probeReasons(List<ContainerOutcome> apps, ProbeResults probes) {
    StringBuilder reasons = new StringBuilder();
    for (ContainerOutcome o : apps) {
      if (o.kind() == Kind.RUNNING && o.container().readinessProbe() != null) {
        String why = probes.readinessFailure(o.latest().id());
        if (why != null) {
          reasons.append("; ").append(o.name()).append(": Readiness probe failed: ").append(why);
        }
      }
    }
    return reasons.toString();
  }

  static ContainerState terminated(ContainerInfo c) {
    return terminated(c, ProbeResults.NONE);
  }

  /**
   * The engine's exit, with the reason this node killed it (a failed liveness probe) when it did.
   */
  static ContainerState terminated(ContainerInfo c, ProbeResults probes) {
    int exit = ContainerOutcome.exitCode(c);
    String reason;
    if (c.oomKilled()) {
      reason = "OOMKilled";
    } else if (c.error() != null) {
      reason = "StartError";
    } else {
      reason = exit == 0 ? "Completed" : "Error";
    }
    String killed = probes.killReason(c.id());
    String message = c.error() != null ? c.error() : killed;
    return new ContainerState(
        null,
        null,
        new ContainerStateTerminated(
            exit,
            null,
            reason,
            message,
            seconds(c.startedAt()),
            seconds(c.finishedAt()),
            "docker://" + c.id()));
  }

  private static PodCondition condition(
      PodStatus old, String type, boolean value, String reason, String message, Instant now) {
    String status = value ? "True" : "False";
    Instant since = now;
    if (old != null && old.conditions() != null) {
      for (PodCondition c : old.conditions()) {
        if (type.equals(c.type()) && status.equals(c.status()) && c.lastTransitionTime() != null) {
          since = c.lastTransitionTime();
        }
      }
    }
    return new PodCondition(type, status, reason, message, null, since);
  }

  private static Instant seconds(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS);
  }
}
