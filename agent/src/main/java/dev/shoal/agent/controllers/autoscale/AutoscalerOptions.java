package dev.shoal.agent.controllers.autoscale;

import dev.shoal.agent.events.EventRecorder;
import java.time.Duration;

/**
 * Settings of the autoscaler controller: how often every autoscaler is evaluated (1 s by default,
 * where upstream syncs every 15 s), upstream's tolerance, CPU initialization period and initial
 * readiness delay, the scale-down stabilization window used where an autoscaler sets none (300 s,
 * upstream's default), where pod usage comes from and where events go.
 */
public record AutoscalerOptions(
    Duration syncPeriod,
    double tolerance,
    Duration cpuInitializationPeriod,
    Duration initialReadinessDelay,
    Duration downscaleStabilization,
    ResourceMetricsSource metrics,
    EventRecorder events) {

  public static final AutoscalerOptions DEFAULT =
      new AutoscalerOptions(
          Duration.ofSeconds(1),
          ReplicaCalculator.DEFAULT_TOLERANCE,
          ReplicaCalculator.DEFAULT_CPU_INITIALIZATION_PERIOD,
          ReplicaCalculator.DEFAULT_INITIAL_READINESS_DELAY,
          Duration.ofMinutes(5),
          ResourceMetricsSource.NONE,
          EventRecorder.NONE);

  public AutoscalerOptions withSyncPeriod(Duration value) {
    return new AutoscalerOptions(
        value,
        tolerance,
        cpuInitializationPeriod,
        initialReadinessDelay,
        downscaleStabilization,
        metrics,
        events);
  }

  public AutoscalerOptions withDownscaleStabilization(Duration value) {
    return new AutoscalerOptions(
        syncPeriod,
        tolerance,
        cpuInitializationPeriod,
        initialReadinessDelay,
        value,
        metrics,
        events);
  }

  /** The adapter point: where the controller reads pod usage. */
  public AutoscalerOptions withMetrics(ResourceMetricsSource value) {
    return new AutoscalerOptions(
        syncPeriod,
        tolerance,
        cpuInitializationPeriod,
        initialReadinessDelay,
        downscaleStabilization,
        value,
        events);
  }

  public AutoscalerOptions withEvents(EventRecorder value) {
    return new AutoscalerOptions(
        syncPeriod,
        tolerance,
        cpuInitializationPeriod,
        initialReadinessDelay,
        downscaleStabilization,
        metrics,
        value);
  }
}
