package dev.shoal.agent.scheduler;

import java.time.Duration;

/**
 * Scheduler tuning: how long a burst of pod events must be quiet before a batch is placed, the
 * longest a batch waits for quiet, how often to re-list nodes and pods (catching any missed event)
 * and retry unschedulable pods even without a cluster change, and the least time between two
 * retries of them that cluster changes trigger.
 */
public record SchedulerOptions(
    Duration settle, Duration maxBatchDelay, Duration resync, Duration unschedulableMinGap) {

  public static final SchedulerOptions DEFAULT =
      new SchedulerOptions(
          Duration.ofMillis(2),
          Duration.ofMillis(10),
          Duration.ofSeconds(15),
          Duration.ofMillis(250));
}
