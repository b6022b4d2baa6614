package dev.shoal.agent.scheduler;

import java.time.Duration;

/**
 * Scheduler tuning: how long a burst of pod events must be quiet before a batch is placed, the longest
 * a batch waits for quiet, and how often unschedulable pods are retried even without a cluster change.
 */
public record SchedulerOptions(Duration settle, Duration maxBatchDelay, Duration unschedulableRetry) {

  public static final SchedulerOptions DEFAULT =
      new SchedulerOptions(Duration.ofMillis(2), Duration.ofMillis(10), Duration.ofSeconds(15));
}
