package dev.shoal.agent.scheduler;

import java.time.Duration;

/**
 * Scheduler tuning: how long a burst of pod events must be quiet before a batch is placed, the longest
 * a batch waits for quiet, how often unschedulable pods are retried even without a cluster change, and
 * the least time between two retries of them that cluster changes trigger.
 */
public record SchedulerOptions(
    Duration settle, Duration maxBatchDelay, Duration unschedulableRetry, Duration unschedulableMinGap) {

  public static final SchedulerOptions DEFAULT = new SchedulerOptions(
      Duration.ofMillis(2), Duration.ofMillis(10), Duration.ofSeconds(15), Duration.ofMillis(250));
}
