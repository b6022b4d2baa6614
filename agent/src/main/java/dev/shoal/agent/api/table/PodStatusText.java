package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.ContainerState;
import dev.shoal.manifests.model.ContainerStateTerminated;
import dev.shoal.manifests.model.ContainerStatus;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import java.time.Instant;
import java.util.List;

/**
 * The READY, STATUS and RESTARTS of a pod as kubectl shows them, derived from its status the way
 * upstream's pod printer does: the phase, or the pod's reason; {@code Init:N/M} or {@code
 * Init:<reason>} while init containers run or fail; the last container's waiting or terminated
 * reason ({@code CrashLoopBackOff}, {@code Completed}, {@code ExitCode:N}); {@code Terminating}
 * once deleted.
 */
record PodStatusText(int ready, int total, String reason, int restarts, Instant lastRestart) {

  /** The reason a node sets on the pods of a node it cannot reach. */
  static final String NODE_UNREACHABLE = "NodeLost";

  static PodStatusText of(Pod pod) {
    PodStatus status = pod.status() == null ? PodStatus.phase(null) : pod.status();
    List<ContainerStatus> inits = orEmpty(status.initContainerStatuses());
    List<ContainerStatus> containers = orEmpty(status.containerStatuses());
    int initSpecs =
        pod.spec() == null || pod.spec().initContainers() == null
            ? 0
            : pod.spec().initContainers().size();
    int total =
        pod.spec() == null || pod.spec().containers() == null ? 0 : pod.spec().containers().size();
    String reason = status.phase() == null ? "" : status.phase();
    if (status.reason() != null && !status.reason().isEmpty()) {
      reason = status.reason();
    }
    for (PodCondition c : orEmpty(status.conditions())) {
      if ("PodScheduled".equals(c.type()) && "SchedulingGated".equals(c.reason())) {
        reason = "SchedulingGated";
      }
    }
    int restarts = 0;
    Instant lastRestart = null;
    boolean initializing = false;
    for (int i = 0; i < inits.size(); i++) {
      ContainerStatus init = inits.get(i);
      restarts += count(init.restartCount());
      lastRestart = later(lastRestart, finishedBefore(init));
      ContainerState state =
          init.state() == null ? new ContainerState(null, null, null) : init.state();
      ContainerStateTerminated done = state.terminated();
      if (done != null && count(done.exitCode()) == 0) {
        continue;
      }
      initializing = true;
      if (done != null) {
        reason = "Init:" + terminatedReason(done);
      } else if (state.waiting() != null
          && state.waiting().reason() != null
          && !state.waiting().reason().isEmpty()
          && !state.waiting().reason().equals("PodInitializing")) {
        reason = "Init:" + state.waiting().reason();
      } else {
        reason = "Init:" + i + "/" + initSpecs;
      }
      break;
    }
    int ready = 0;
    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = 0;
      lastRestart = null;
      boolean hasRunning = false;
      for (int i = containers.size() - 1; i >= 0; i--) {
        ContainerStatus container = containers.get(i);
        restarts += count(container.restartCount());
        lastRestart = later(lastRestart, finishedBefore(container));
        ContainerState state = container.state();
        if (state != null && state.waiting() != null && nonEmpty(state.waiting().reason())) {
          reason = state.waiting().reason();
        } else if (state != null && state.terminated() != null) {
          reason = terminatedReason(state.terminated());
        } else if (Boolean.TRUE.equals(container.ready())
            && state != null
            && state.running() != null) {
          hasRunning = true;
          ready++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }
    if (pod.metadata().deletionTimestamp() != null) {
      if (NODE_UNREACHABLE.equals(status.reason())) {
        reason = "Unknown";
      } else if (!"Succeeded".equals(status.phase()) && !"Failed".equals(status.phase())) {
        reason = "Terminating";
      }
    }
    return new PodStatusText(ready, total, reason, restarts, lastRestart);
  }

  /** {@code 3}, or {@code 3 (2m ago)} when the last restart's time is known. */
  String restartsText(Instant now) {
    return restarts != 0 && lastRestart != null
        ? restarts + " (" + Ages.since(lastRestart, now) + " ago)"
        : Integer.toString(restarts);
  }

  private static String terminatedReason(ContainerStateTerminated done) {
    if (nonEmpty(done.reason())) {
      return done.reason();
    }
    return done.signal() != null && done.signal() != 0
        ? "Signal:" + done.signal()
        : "ExitCode:" + count(done.exitCode());
  }

  private static Instant finishedBefore(ContainerStatus status) {
    return status.lastState() != null && status.lastState().terminated() != null
        ? status.lastState().terminated().finishedAt()
        : null;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private static boolean conditionTrue(PodStatus status, String type) {
    return orEmpty(status.conditions()).stream()
        .anyMatch(c -> type.equals(c.type()) && "True".equals(c.status()));
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
