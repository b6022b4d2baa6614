package dev.shoal.agent.controllers.autoscale;

import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Upstream's {@code groupPods}: the target's pods split into ready ones with a metric (counted),
 * unready ones (pending; for CPU also not ready, or still warming up inside the initialization
 * period), ones with no metric, and ignored ones (deleting or failed).
 */
record PodGroups(int readyCount, Set<String> unready, Set<String> missing, Set<String> ignored) {

  static PodGroups of(
      List<Pod> pods,
      Map<String, PodMetric> metrics,
      String resource,
      Duration cpuInitializationPeriod,
      Duration delayOfInitialReadinessStatus,
      Instant now) {
    int ready = 0;
    Set<String> unready = new TreeSet<>();
    Set<String> missing = new TreeSet<>();
    Set<String> ignored = new TreeSet<>();
    for (Pod pod : pods) {
      String name = pod.metadata().name();
      String phase = pod.status() == null ? null : pod.status().phase();
      if (pod.metadata().deletionTimestamp() != null || "Failed".equals(phase)) {
        ignored.add(name);
        continue;
      }
      if ("Pending".equals(phase)) {
        unready.add(name);
        continue;
      }
      PodMetric metric = metrics.get(name);
      if (metric == null) {
        missing.add(name);
        continue;
      }
      if ("cpu".equals(resource)
          && unreadyForCpu(
              pod, metric, cpuInitializationPeriod, delayOfInitialReadinessStatus, now)) {
        unready.add(name);
        continue;
      }
      ready++;
    }
    return new PodGroups(ready, unready, missing, ignored);
  }

  private static boolean unreadyForCpu(
      Pod pod, PodMetric metric, Duration initialization, Duration readinessDelay, Instant now) {
    PodCondition ready = readyCondition(pod);
    Instant start = pod.status() == null ? null : pod.status().startTime();
    if (ready == null || start == null) {
      return true;
    }
    Instant transition =
        ready.lastTransitionTime() == null ? Instant.EPOCH : ready.lastTransitionTime();
    boolean notReady = "False".equals(ready.status());
    if (start.plus(initialization).isAfter(now)) {
      // Still initializing: ignore the sample if unready or if no full window was sampled since
      // the last readiness change.
      Duration window = metric.window() == null ? Duration.ZERO : metric.window();
      return notReady || metric.timestamp().isBefore(transition.plus(window));
    }
    // Past initialization: ignore an unready pod that has never been ready.
    return notReady && start.plus(readinessDelay).isAfter(transition);
  }

  private static PodCondition readyCondition(Pod pod) {
    if (pod.status() == null || pod.status().conditions() == null) {
      return null;
    }
    return pod.status().conditions().stream()
        .filter(c -> "Ready".equals(c.type()))
        .findFirst()
        .orElse(null);
  }
}
