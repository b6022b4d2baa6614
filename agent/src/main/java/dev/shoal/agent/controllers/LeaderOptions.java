package dev.shoal.agent.controllers;

import dev.shoal.agent.scheduler.SchedulerOptions;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings of the leader-only components: node heartbeat grace period (default 4 s) and the longer one
 * for a node whose agent is still a cluster member (default 30 s, see {@link NodeLifecycleController}),
 * the controllers' full resync period, scheduler batching, and the clock (tests pass a fixed or offset one).
 */
public record LeaderOptions(Duration nodeGrace, Duration memberGrace, Duration resyncPeriod,
    SchedulerOptions scheduler, Clock clock) {

  public static final LeaderOptions DEFAULT = new LeaderOptions(NodeLifecycleController.DEFAULT_GRACE,
      NodeLifecycleController.DEFAULT_MEMBER_GRACE, Duration.ofSeconds(30), SchedulerOptions.DEFAULT,
      Clock.systemUTC());

  public LeaderOptions withNodeGrace(Duration value) {
    return new LeaderOptions(value, memberGrace, resyncPeriod, scheduler, clock);
  }

  public LeaderOptions withMemberGrace(Duration value) {
    return new LeaderOptions(nodeGrace, value, resyncPeriod, scheduler, clock);
  }
}
