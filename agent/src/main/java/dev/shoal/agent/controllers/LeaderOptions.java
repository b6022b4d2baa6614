package dev.shoal.agent.controllers;

import dev.shoal.agent.scheduler.SchedulerOptions;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings of the leader-only components: node heartbeat grace period (default 4 s), the controllers'
 * full resync period, scheduler batching, and the clock (tests pass a fixed or offset one).
 */
public record LeaderOptions(Duration nodeGrace, Duration resyncPeriod, SchedulerOptions scheduler, Clock clock) {

  public static final LeaderOptions DEFAULT = new LeaderOptions(NodeLifecycleController.DEFAULT_GRACE,
      Duration.ofSeconds(30), SchedulerOptions.DEFAULT, Clock.systemUTC());

  public LeaderOptions withNodeGrace(Duration value) {
    return new LeaderOptions(value, resyncPeriod, scheduler, clock);
  }
}
