package dev.shoal.agent.controllers.disruption;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.Condition;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.PodDisruptionBudgetSpec;
import dev.shoal.manifests.model.PodDisruptionBudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A budget's status from its pods, as upstream's disruption controller computes it: desired healthy
 * from minAvailable (a count, or a percentage of the owners' scale) or from maxUnavailable (of the
 * scale); current healthy counts ready pods that are not being deleted and not in {@code
 * disruptedPods} (pods the Eviction API let go less than {@link #DELETION_TIMEOUT} ago);
 * disruptions allowed is their difference, never below 0, and 0 while no pod is expected.
 */
public final class BudgetStatus {

  /** How long an eviction's entry in disruptedPods waits for the pod's deletion to be seen. */
  public static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

  public static final String CONDITION = "DisruptionAllowed";
  public static final String SUFFICIENT = "SufficientPods";
  public static final String INSUFFICIENT = "InsufficientPods";
  public static final String SYNC_FAILED = "SyncFailed";

  /** The status, and when to look again (the first disruptedPods entry to time out), if ever. */
  public record Result(PodDisruptionBudgetStatus status, Optional<Instant> recheckAt) {}

  /** Desired healthy and the expected pod count. */
  record Desired(int expectedPods, int desiredHealthy) {}

  private BudgetStatus() {}

  /**
   * The budget's counts. {@code pods} are the pods it selects; {@code scale} the summed scale of
   * their owners (needed only for percentages and maxUnavailable).
   */
  static Desired desired(PodDisruptionBudgetSpec spec, int podCount, int scale) {
    if (spec.maxUnavailable() != null) {
      int maxUnavailable = scaled(spec.maxUnavailable(), scale);
      return new Desired(scale, Math.max(0, scale - maxUnavailable));
    }
    if (spec.minAvailable() != null) {
      if (spec.minAvailable().isInt()) {
        return new Desired(podCount, spec.minAvailable().intValue());
      }
      return new Desired(scale, scaled(spec.minAvailable(), scale));
    }
    return new Desired(podCount, 0);
  }

  /** Whether the owners' scale is needed: a percentage or maxUnavailable. */
  static boolean needsScale(PodDisruptionBudgetSpec spec) {
    return spec.maxUnavailable() != null
        || (spec.minAvailable() != null && !spec.minAvailable().isInt());
  }

  /** A count, or a percentage of {@code total} rounded up (upstream rounds both limits up). */
  static int scaled(IntOrString value, int total) {
    if (value.isInt()) {
      return value.intValue();
    }
    String text = value.stringValue().trim();
    int percent = Integer.parseInt(text.substring(0, text.length() - 1));
    return (int) (((long) percent * total + 99) / 100);
  }

  /**
   * The full status for {@code pdb} with {@code pods} selected and owners wanting {@code scale}.
   */
  public static Result compute(PodDisruptionBudget pdb, List<Pod> pods, int scale, Instant now) {
    Desired desired = desired(pdb.spec(), pods.size(), scale);
    PodDisruptionBudgetStatus old = pdb.status();
    Map<String, Instant> previous = old == null ? Map.of() : old.disruptedPodsOrEmpty();
    Map<String, Instant> disrupted = new TreeMap<>();
    Instant recheck = null;
    for (Pod pod : pods) {
      Instant at = previous.get(pod.metadata().name());
      if (at == null || PodFacts.isDeleting(pod)) {
        continue;
      }
      Instant expires = at.plus(DELETION_TIMEOUT);
      if (expires.isAfter(now)) {
        disrupted.put(pod.metadata().name(), at);
        recheck = recheck == null || expires.isBefore(recheck) ? expires : recheck;
      }
    }
    int healthy = 0;
    for (Pod pod : pods) {
      if (!PodFacts.isDeleting(pod)
          && !disrupted.containsKey(pod.metadata().name())
          && PodFacts.isReady(pod)) {
        healthy++;
      }
    }
    int allowed = healthy - desired.desiredHealthy();
    if (desired.expectedPods() <= 0 || allowed <= 0) {
      allowed = 0;
    }
    long generation = generation(pdb);
    PodDisruptionBudgetStatus status =
        new PodDisruptionBudgetStatus(
            generation,
            disrupted.isEmpty() ? null : disrupted,
            allowed,
            healthy,
            desired.desiredHealthy(),
            desired.expectedPods(),
            null);
    status = withAllowedCondition(status, old, now);
    return new Result(status, Optional.ofNullable(recheck));
  }

  /**
   * What upstream writes when the status cannot be computed (an owner not found): no disruption
   * allowed, the condition False with reason SyncFailed and the error.
   */
  public static PodDisruptionBudgetStatus failed(PodDisruptionBudget pdb, String why, Instant now) {
    PodDisruptionBudgetStatus old =
        pdb.status() == null
            ? new PodDisruptionBudgetStatus(null, null, 0, 0, 0, 0, null)
            : pdb.status();
    PodDisruptionBudgetStatus zero =
        new PodDisruptionBudgetStatus(
            old.observedGeneration(),
            old.disruptedPods(),
            0,
            old.currentHealthy(),
            old.desiredHealthy(),
            old.expectedPods(),
            old.conditions());
    return withCondition(zero, "False", SYNC_FAILED, why, now);
  }

  /** The DisruptionAllowed condition for the status' disruptionsAllowed. */
  public static PodDisruptionBudgetStatus withAllowedCondition(
      PodDisruptionBudgetStatus status, PodDisruptionBudgetStatus old, Instant now) {
    PodDisruptionBudgetStatus carried =
        new PodDisruptionBudgetStatus(
            status.observedGeneration(),
            status.disruptedPods(),
            status.disruptionsAllowed(),
            status.currentHealthy(),
            status.desiredHealthy(),
            status.expectedPods(),
            old == null ? null : old.conditions());
    boolean allowed = status.disruptionsAllowedOrZero() > 0;
    return withCondition(
        carried, allowed ? "True" : "False", allowed ? SUFFICIENT : INSUFFICIENT, "", now);
  }

  /** Sets the condition, keeping its transition time when its status does not change. */
  private static PodDisruptionBudgetStatus withCondition(
      PodDisruptionBudgetStatus status, String value, String reason, String message, Instant now) {
    List<Condition> conditions = new ArrayList<>();
    Instant since = now;
    for (Condition c : status.conditionsOrEmpty()) {
      if (CONDITION.equals(c.type())) {
        if (value.equals(c.status()) && c.lastTransitionTime() != null) {
          since = c.lastTransitionTime();
        }
      } else {
        conditions.add(c);
      }
    }
    conditions.add(
        new Condition(CONDITION, value, status.observedGeneration(), since, reason, message));
    return new PodDisruptionBudgetStatus(
        status.observedGeneration(),
        status.disruptedPods(),
        status.disruptionsAllowed(),
        status.currentHealthy(),
        status.desiredHealthy(),
        status.expectedPods(),
        List.copyOf(conditions));
  }

  static long generation(PodDisruptionBudget pdb) {
    Long g = pdb.metadata().generation();
    return g == null ? 1 : g;
  }
}
