package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Timer;
import dev.shoal.agent.controllers.autoscale.AutoscalerOptions;
import dev.shoal.agent.events.EventRecorder;
import dev.shoal.agent.scheduler.SchedulerOptions;
import dev.shoal.overlay.ipam.SubnetAllocator;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings of the leader-only components: node heartbeat grace period (default 4 s) and the longer
 * one for a node whose agent is still a cluster member (default 30 s, see {@link
 * NodeLifecycleController}), the controllers' full resync period, scheduler batching, the timer
 * with its clock that every one of them reads the time from and waits on (tests pass a fake one and
 * run them on virtual time), and the pool of pod subnets the network's node IPAM hands out (none:
 * no network controllers, as in tests of the workload controllers), and the autoscaler's settings
 * (its metrics source, events and evaluation period).
 */
public record LeaderOptions(
    Duration nodeGrace,
    Duration memberGrace,
    Duration resyncPeriod,
    SchedulerOptions scheduler,
    Timer timer,
    Optional<SubnetAllocator> podSubnets,
    AutoscalerOptions autoscaler,
    Function<String, EventRecorder> recorders) {

  /** Without autoscaler settings and events: {@link AutoscalerOptions#DEFAULT}, no events. */
  public LeaderOptions(
      Duration nodeGrace,
      Duration memberGrace,
      Duration resyncPeriod,
      SchedulerOptions scheduler,
      Timer timer,
      Optional<SubnetAllocator> podSubnets) {
    this(
        nodeGrace,
        memberGrace,
        resyncPeriod,
        scheduler,
        timer,
        podSubnets,
        AutoscalerOptions.DEFAULT,
        component -> EventRecorder.NONE);
  }

  public static final LeaderOptions DEFAULT =
      new LeaderOptions(
          NodeLifecycleController.DEFAULT_GRACE,
          NodeLifecycleController.DEFAULT_MEMBER_GRACE,
          Duration.ofSeconds(30),
          SchedulerOptions.DEFAULT,
          Timer.system(),
          Optional.empty());

  /** The clock of {@link #timer()}. */
  public Clock clock() {
    return timer.clock();
  }

  public LeaderOptions withNodeGrace(Duration value) {
    return new LeaderOptions(
        value, memberGrace, resyncPeriod, scheduler, timer, podSubnets, autoscaler, recorders);
  }

  public LeaderOptions withMemberGrace(Duration value) {
    return new LeaderOptions(
        nodeGrace, value, resyncPeriod, scheduler, timer, podSubnets, autoscaler, recorders);
  }

  public LeaderOptions withTimer(Timer value) {
    return new LeaderOptions(
        nodeGrace, memberGrace, resyncPeriod, scheduler, value, podSubnets, autoscaler, recorders);
  }

  public LeaderOptions withPodSubnets(SubnetAllocator value) {
    return new LeaderOptions(
        nodeGrace,
        memberGrace,
        resyncPeriod,
        scheduler,
        timer,
        Optional.of(value),
        autoscaler,
        recorders);
  }

  /**
   * Where the leader's components record Events: {@code recorders} gives the recorder of a
   * component by its upstream name ({@code default-scheduler}, {@code replicaset-controller},
   * {@code deployment-controller}).
   */
  public LeaderOptions withEvents(Function<String, EventRecorder> value) {
    return new LeaderOptions(
        nodeGrace, memberGrace, resyncPeriod, scheduler, timer, podSubnets, autoscaler, value);
  }

  /** The recorder of the component named {@code component}. */
  public EventRecorder events(String component) {
    return recorders.apply(component);
  }

  public LeaderOptions withAutoscaler(AutoscalerOptions value) {
    return new LeaderOptions(
        nodeGrace, memberGrace, resyncPeriod, scheduler, timer, podSubnets, value, recorders);
  }
}
