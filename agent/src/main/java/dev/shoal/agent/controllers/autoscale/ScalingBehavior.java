package dev.shoal.agent.controllers.autoscale;

import dev.shoal.manifests.model.HPAScalingPolicy;
import dev.shoal.manifests.model.HPAScalingRules;
import dev.shoal.manifests.model.HorizontalPodAutoscalerBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * Upstream's {@code normalizeDesiredReplicasWithBehaviors}: a recommendation is first stabilized
 * (held between the lowest recommendation inside the scale-up window and the highest inside the
 * scale-down window), then limited by the direction's policies (Pods or Percent per period, counted
 * from the replicas at the start of that period) chosen by selectPolicy, and by min/max. Pure apart
 * from the {@link ScalingHistory} it reads and appends to.
 */
public final class ScalingBehavior {

  /** The normalized count and the AbleToScale and ScalingLimited wording that explains it. */
  public record Outcome(
      int replicas,
      String ableReason,
      String ableMessage,
      boolean limited,
      String limitReason,
      String limitMessage) {}

  /** Upstream's defaults where an autoscaler gives no behavior (or leaves parts out). */
  public static HorizontalPodAutoscalerBehavior withDefaults(
      HorizontalPodAutoscalerBehavior given, Duration downscaleStabilization) {
    HPAScalingRules up = given == null ? null : given.scaleUp();
    HPAScalingRules down = given == null ? null : given.scaleDown();
    return new HorizontalPodAutoscalerBehavior(
        new HPAScalingRules(
            up != null && up.stabilizationWindowSeconds() != null
                ? up.stabilizationWindowSeconds()
                : 0,
            up != null && up.selectPolicy() != null ? up.selectPolicy() : HPAScalingRules.MAX,
            up != null && up.policies() != null
                ? up.policies()
                : List.of(
                    new HPAScalingPolicy(HPAScalingPolicy.PODS, 4, 15),
                    new HPAScalingPolicy(HPAScalingPolicy.PERCENT, 100, 15))),
        new HPAScalingRules(
            down != null && down.stabilizationWindowSeconds() != null
                ? down.stabilizationWindowSeconds()
                : (int) downscaleStabilization.toSeconds(),
            down != null && down.selectPolicy() != null ? down.selectPolicy() : HPAScalingRules.MAX,
            down != null && down.policies() != null
                ? down.policies()
                : List.of(new HPAScalingPolicy(HPAScalingPolicy.PERCENT, 100, 15))));
  }

  private ScalingBehavior() {}

  /** {@code behavior} must be complete ({@link #withDefaults}). */
  public static Outcome normalize(
      ScalingHistory history,
      HorizontalPodAutoscalerBehavior behavior,
      int minReplicas,
      int maxReplicas,
      int currentReplicas,
      int desiredReplicas,
      Instant now) {
    int stabilized = stabilize(history, behavior, currentReplicas, desiredReplicas, now);
    String ableReason;
    String ableMessage;
    if (stabilized != desiredReplicas) {
      if (desiredReplicas >= currentReplicas) {
        ableReason = "ScaleUpStabilized";
        ableMessage =
            "recent recommendations were lower than current one, applying the lowest recent"
                + " recommendation";
      } else {
        ableReason = "ScaleDownStabilized";
        ableMessage =
            "recent recommendations were higher than current one, applying the highest recent"
                + " recommendation";
      }
    } else {
      ableReason = "ReadyForNewScale";
      ableMessage = "recommended size matches current size";
    }
    Limited limited =
        limitByRate(history, behavior, minReplicas, maxReplicas, currentReplicas, stabilized, now);
    return new Outcome(
        limited.replicas,
        ableReason,
        ableMessage,
        limited.replicas != stabilized,
        limited.reason,
        limited.message);
  }

  static int stabilize(
      ScalingHistory history,
      HorizontalPodAutoscalerBehavior behavior,
      int current,
      int desired,
      Instant now) {
    Instant upCutoff = now.minusSeconds(behavior.scaleUp().stabilizationWindowSeconds());
    Instant downCutoff = now.minusSeconds(behavior.scaleDown().stabilizationWindowSeconds());
    int up = desired;
    int down = desired;
    int oldIndex = -1;
    for (int i = 0; i < history.recommendations.size(); i++) {
      ScalingHistory.Recommendation rec = history.recommendations.get(i);
      if (rec.at().isAfter(upCutoff)) {
        up = Math.min(rec.replicas(), up);
      }
      if (rec.at().isAfter(downCutoff)) {
        down = Math.max(rec.replicas(), down);
      }
      if (rec.at().isBefore(upCutoff) && rec.at().isBefore(downCutoff)) {
        oldIndex = i;
      }
    }
    int recommendation = Math.min(Math.max(current, up), down);
    ScalingHistory.Recommendation fresh = new ScalingHistory.Recommendation(desired, now);
    if (oldIndex >= 0) {
      history.recommendations.set(oldIndex, fresh);
    } else {
      history.recommendations.add(fresh);
    }
    return recommendation;
  }

  record Limited(int replicas, String reason, String message) {}

  static Limited limitByRate(
      ScalingHistory history,
      HorizontalPodAutoscalerBehavior behavior,
      int min,
      int max,
      int current,
      int desired,
      Instant now) {
    if (desired > current) {
      int limit = scaleUpLimit(current, history, behavior.scaleUp(), now);
      limit = Math.max(limit, current); // no further up until old scale-ups leave the periods
      int allowed = max;
      String reason;
      String message;
      if (allowed > limit) {
        allowed = limit;
        reason = "ScaleUpLimit";
        message = "the desired replica count is increasing faster than the maximum scale rate";
      } else {
        reason = "TooManyReplicas";
        message = "the desired replica count is more than the maximum replica count";
      }
      if (desired > allowed) {
        return new Limited(allowed, reason, message);
      }
    } else if (desired < current) {
      int limit = scaleDownLimit(current, history, behavior.scaleDown(), now);
      limit = Math.min(limit, current);
      int allowed = min;
      String reason;
      String message;
      if (allowed < limit) {
        allowed = limit;
        reason = "ScaleDownLimit";
        message = "the desired replica count is decreasing faster than the maximum scale rate";
      } else {
        reason = "TooFewReplicas";
        message = "the desired replica count is less than the minimum replica count";
      }
      if (desired < allowed) {
        return new Limited(allowed, reason, message);
      }
    }
    return new Limited(
        desired, "DesiredWithinRange", "the desired count is within the acceptable range");
  }

  static int scaleUpLimit(int current, ScalingHistory history, HPAScalingRules rules, Instant now) {
    if (HPAScalingRules.DISABLED.equals(rules.selectPolicy())) {
      return current;
    }
    boolean minPolicy = HPAScalingRules.MIN.equals(rules.selectPolicy());
    int result = minPolicy ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    IntBinaryOperator select = minPolicy ? Math::min : Math::max;
    for (HPAScalingPolicy policy : rules.policies()) {
      int start = periodStart(current, history, policy.periodSeconds(), now);
      int proposed =
          HPAScalingPolicy.PODS.equals(policy.type())
              ? start + policy.value()
              : (int) Math.ceil(start * (1 + policy.value() / 100.0));
      result = select.applyAsInt(result, proposed);
    }
    return result;
  }

  static int scaleDownLimit(
      int current, ScalingHistory history, HPAScalingRules rules, Instant now) {
    if (HPAScalingRules.DISABLED.equals(rules.selectPolicy())) {
      return current;
    }
    boolean minPolicy = HPAScalingRules.MIN.equals(rules.selectPolicy());
    int result = minPolicy ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    IntBinaryOperator select = minPolicy ? Math::max : Math::min;
    for (HPAScalingPolicy policy : rules.policies()) {
      int start = periodStart(current, history, policy.periodSeconds(), now);
      int proposed =
          HPAScalingPolicy.PODS.equals(policy.type())
              ? start - policy.value()
              : (int) (start * (1 - policy.value() / 100.0));
      result = select.applyAsInt(result, proposed);
    }
    return result;
  }

  /**
   * The replicas at the start of the period: current, less what was added, plus what was removed.
   */
  private static int periodStart(
      int current, ScalingHistory history, int periodSeconds, Instant now) {
    Instant cutoff = now.minusSeconds(periodSeconds);
    return current - changes(history.scaleUps, cutoff) + changes(history.scaleDowns, cutoff);
  }

  static int changes(List<ScalingHistory.ScaleEvent> events, Instant cutoff) {
    int sum = 0;
    for (ScalingHistory.ScaleEvent e : events) {
      if (e.at.isAfter(cutoff)) {
        sum += e.change;
      }
    }
    return sum;
  }

  /** Upstream's {@code storeScaleEvent}: remembers a rescale in the last outdated slot, if any. */
  public static void recordScale(
      ScalingHistory history,
      HorizontalPodAutoscalerBehavior behavior,
      int previous,
      int next,
      Instant now) {
    boolean up = next > previous;
    List<ScalingHistory.ScaleEvent> events = up ? history.scaleUps : history.scaleDowns;
    HPAScalingRules rules = up ? behavior.scaleUp() : behavior.scaleDown();
    int longest =
        rules.policies().stream().mapToInt(HPAScalingPolicy::periodSeconds).max().orElse(0);
    Instant cutoff = now.minusSeconds(longest);
    for (ScalingHistory.ScaleEvent e : events) {
      if (e.at.isBefore(cutoff)) {
        e.outdated = true;
      }
    }
    ScalingHistory.ScaleEvent fresh = new ScalingHistory.ScaleEvent(Math.abs(next - previous), now);
    int last = -1;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).outdated) {
        last = i;
      }
    }
    if (last >= 0) {
      events.set(last, fresh);
    } else {
      events.add(fresh);
    }
  }
}
