package dev.shoal.agent.controllers;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentCondition;
import dev.shoal.manifests.model.DeploymentStatus;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment's status from its sets' pods: counts, observedGeneration, and the Available and
 * Progressing conditions with Kubernetes' reasons (MinimumReplicasAvailable/Unavailable;
 * NewReplicaSetCreated, ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded,
 * DeploymentPaused). Timestamps only move when a condition changes, so an idle sync writes nothing.
 */
final class DeploymentStatusCalculator {

  static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  private DeploymentStatusCalculator() {}

  static DeploymentStatus status(
      Deployment d,
      ReplicaSet newRs,
      List<ReplicaSet> owned,
      Map<String, List<Pod>> podsByRs,
      boolean created,
      boolean acted,
      Instant now) {
    int minReady = d.spec().minReadySeconds() == null ? 0 : d.spec().minReadySeconds();
    int total = 0;
    int updated = 0;
    int ready = 0;
    int available = 0;
    for (ReplicaSet rs : owned) {
      for (Pod pod : podsByRs.getOrDefault(rs.metadata().name(), List.of())) {
        if (!PodFacts.isActive(pod)) {
          continue;
        }
        total++;
        if (newRs != null && rs.metadata().name().equals(newRs.metadata().name())) {
          updated++;
        }
        if (PodFacts.isReady(pod)) {
          ready++;
        }
        if (PodFacts.isAvailable(pod, minReady, now)) {
          available++;
        }
      }
    }
    int replicas = d.spec().replicasOrDefault();
    DeploymentStatus previous = d.status();
    List<DeploymentCondition> old =
        previous == null || previous.conditions() == null ? List.of() : previous.conditions();
    List<DeploymentCondition> conditions = new ArrayList<>();

    RolloutLimits limits = RolloutLimits.of(d);
    int floor = RolloutLimits.isRecreate(d) ? replicas : replicas - limits.maxUnavailable();
    conditions.add(
        available >= floor
            ? condition(
                old,
                "Available",
                "True",
                "MinimumReplicasAvailable",
                "Deployment has minimum availability.",
                now,
                false)
            : condition(
                old,
                "Available",
                "False",
                "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability.",
                now,
                false));

    String rsName = newRs == null ? d.metadata().name() : newRs.metadata().name();
    boolean complete = updated == replicas && total == replicas && available >= replicas;
    boolean progressed =
        acted
            || previous == null
            || !Objects.equals(previous.updatedReplicas(), updated)
            || !Objects.equals(previous.availableReplicas(), available);
    DeploymentCondition progressing;
    if (Boolean.TRUE.equals(d.spec().paused())) {
      progressing =
          condition(
              old,
              "Progressing",
              "Unknown",
              "DeploymentPaused",
              "Deployment is paused",
              now,
              false);
    } else if (complete) {
      progressing =
          condition(
              old,
              "Progressing",
              "True",
              "NewReplicaSetAvailable",
              "ReplicaSet \"" + rsName + "\" has successfully progressed.",
              now,
              false);
    } else if (created) {
      progressing =
          condition(
              old,
              "Progressing",
              "True",
              "NewReplicaSetCreated",
              "Created new replica set \"" + rsName + "\"",
              now,
              true);
    } else if (progressed) {
      progressing =
          condition(
              old,
              "Progressing",
              "True",
              "ReplicaSetUpdated",
              "ReplicaSet \"" + rsName + "\" is progressing.",
              now,
              true);
    } else {
      Optional<DeploymentCondition> last = find(old, "Progressing");
      Instant since = last.map(DeploymentCondition::lastUpdateTime).orElse(now);
      if (since != null && since.plusSeconds(deadlineSeconds(d)).isBefore(now)) {
        progressing =
            condition(
                old,
                "Progressing",
                "False",
                "ProgressDeadlineExceeded",
                "ReplicaSet \"" + rsName + "\" has timed out progressing.",
                now,
                false);
      } else {
        progressing =
            last.orElseGet(
                () ->
                    condition(
                        old,
                        "Progressing",
                        "True",
                        "ReplicaSetUpdated",
                        "ReplicaSet \"" + rsName + "\" is progressing.",
                        now,
                        true));
      }
    }
    conditions.add(progressing);
    return new DeploymentStatus(
        total,
        updated,
        ready,
        available,
        Math.max(0, total - available),
        d.metadata().generation(),
        conditions);
  }

  /**
   * When to look again: the next pod to pass minReadySeconds, or the progress deadline. -1 for
   * never.
   */
  static long recheckAfterMillis(
      Deployment d,
      List<ReplicaSet> owned,
      Map<String, List<Pod>> podsByRs,
      DeploymentStatus status,
      Instant now) {
    long soonest = -1;
    int minReady = d.spec().minReadySeconds() == null ? 0 : d.spec().minReadySeconds();
    if (minReady > 0) {
      for (ReplicaSet rs : owned) {
        for (Pod pod : podsByRs.getOrDefault(rs.metadata().name(), List.of())) {
          Optional<Instant> since = PodFacts.readySince(pod);
          if (PodFacts.isActive(pod)
              && since.isPresent()
              && !PodFacts.isAvailable(pod, minReady, now)) {
            soonest =
                min(
                    soonest,
                    Duration.between(now, since.get().plusSeconds(minReady)).toMillis() + 1);
          }
        }
      }
    }
    Optional<DeploymentCondition> progressing = find(status.conditions(), "Progressing");
    if (progressing.isPresent() && "ReplicaSetUpdated".equals(progressing.get().reason())
        || progressing.isPresent() && "NewReplicaSetCreated".equals(progressing.get().reason())) {
      Instant at = progressing.get().lastUpdateTime().plusSeconds(deadlineSeconds(d));
      soonest = min(soonest, Math.max(1, Duration.between(now, at).toMillis() + 1));
    }
    return soonest;
  }

  private static long min(long current, long candidate) {
    return current < 0 ? candidate : Math.min(current, candidate);
  }

  private static int deadlineSeconds(Deployment d) {
    return d.spec().progressDeadlineSeconds() == null
        ? DEFAULT_PROGRESS_DEADLINE_SECONDS
        : d.spec().progressDeadlineSeconds();
  }

  /**
   * A condition that keeps its timestamps unless it changed (or {@code touch} asks to mark
   * progress).
   */
  private static DeploymentCondition condition(
      List<DeploymentCondition> old,
      String type,
      String status,
      String reason,
      String message,
      Instant now,
      boolean touch) {
    Optional<DeploymentCondition> previous = find(old, type);
    if (previous.isPresent()) {
      DeploymentCondition p = previous.get();
      boolean same =
          status.equals(p.status()) && reason.equals(p.reason()) && message.equals(p.message());
      Instant transition = status.equals(p.status()) ? p.lastTransitionTime() : now;
      Instant update = same && !touch ? p.lastUpdateTime() : now;
      return new DeploymentCondition(type, status, reason, message, update, transition);
    }
    return new DeploymentCondition(type, status, reason, message, now, now);
  }

  private static Optional<DeploymentCondition> find(
      List<DeploymentCondition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.type())).findFirst();
  }
}
