package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.control.ControllerRunner;
import dev.shoal.agent.controllers.autoscale.HorizontalPodAutoscalerController;
import dev.shoal.agent.controllers.batch.CronJobController;
import dev.shoal.agent.controllers.batch.JobController;
import dev.shoal.agent.controllers.daemon.DaemonSetController;
import dev.shoal.agent.controllers.disruption.DisruptionController;
import dev.shoal.agent.controllers.network.NetworkControllers;
import dev.shoal.agent.controllers.stateful.StatefulSetController;
import dev.shoal.agent.controllers.storage.DefaultStorageClass;
import dev.shoal.agent.controllers.storage.VolumeController;
import dev.shoal.agent.leader.LeaderComponent;
import dev.shoal.agent.scheduler.Placement;
import dev.shoal.agent.scheduler.Scheduler;
import dev.shoal.agent.store.ClusterStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that runs only on the leader, started together on leadership gain and stopped on loss:
 * the scheduler; the replica set, deployment, daemon set, stateful set, persistent volume, garbage
 * collection, job, cron job, disruption budget, horizontal pod autoscaler, endpoints and node
 * lifecycle controllers (and the default storage class, made at start if the cluster has none);
 * and, given pod subnets, the network's node IPAM and address sweeper. Create a new instance for
 * each term of leadership.
 */
public final class LeaderControllers implements LeaderComponent {

  private static final Logger LOG = LoggerFactory.getLogger(LeaderControllers.class);

  private final ClusterStore store;
  private final Scheduler scheduler;
  private final NodeLifecycleController nodeLifecycle;
  private final List<ControllerRunner> runners = new ArrayList<>();
  private final NetworkControllers network;

  /** {@code agentIsMember}: whether a node's agent is in the cluster now, by node name. */
  public LeaderControllers(
      Vertx vertx, ClusterStore store, LeaderOptions options, Predicate<String> agentIsMember) {
    this.store = store;
    this.scheduler =
        new Scheduler(vertx, store, options.scheduler(), Placement.standard(), options.timer())
            .withEvents(options.events("default-scheduler"));
    this.nodeLifecycle =
        new NodeLifecycleController(
            store, options.clock(), options.nodeGrace(), options.memberGrace(), agentIsMember);
    ControllerRunner.Options runnerOptions =
        ControllerRunner.Options.DEFAULT
            .withResyncPeriod(options.resyncPeriod())
            .withTimer(options.timer());
    List<Controller> controllers =
        List.of(
            new ReplicaSetController(store, options.clock())
                .withEvents(options.events("replicaset-controller")),
            new DeploymentController(store, options.clock())
                .withEvents(options.events("deployment-controller")),
            new DaemonSetController(store, options.clock()),
            new StatefulSetController(store, options.clock()),
            new VolumeController(store),
            new GarbageCollector(store),
            new TaintEvictionController(store, options.clock()),
            new JobController(store, options.clock()),
            new CronJobController(store, options.clock()),
            new DisruptionController(store, options.clock()),
            new CordonTaintController(store, options.clock()),
            new EndpointsController(store));
    for (Controller c : controllers) {
      runners.add(new ControllerRunner(vertx, store, c, runnerOptions));
    }
    runners.add(
        new ControllerRunner(
            vertx,
            store,
            new HorizontalPodAutoscalerController(store, options.autoscaler(), options.clock()),
            runnerOptions.withResyncPeriod(options.autoscaler().syncPeriod())));
    Duration nodeResync =
        options.nodeGrace().dividedBy(2).isZero()
            ? Duration.ofMillis(500)
            : options.nodeGrace().dividedBy(2);
    runners.add(
        new ControllerRunner(
            vertx, store, nodeLifecycle, runnerOptions.withResyncPeriod(nodeResync)));
    this.network =
        options
            .podSubnets()
            .map(
                subnets ->
                    new NetworkControllers(
                        vertx,
                        store,
                        subnets,
                        runnerOptions,
                        options.timer(),
                        NetworkControllers.SWEEP_EVERY))
            .orElse(null);
  }

  /** Without a membership layer: nodes are judged by their heartbeats alone. */
  public LeaderControllers(Vertx vertx, ClusterStore store, LeaderOptions options) {
    this(vertx, store, options, node -> false);
  }

  public LeaderControllers(Vertx vertx, ClusterStore store) {
    this(vertx, store, LeaderOptions.DEFAULT);
  }

  /**
   * A factory for {@code LeaderElection.register}: each term gets fresh components writing through
   * {@code store.fenced(epoch)}; {@code current} receives each new instance (for {@link
   * #nodeGone}).
   */
  public static LeaderComponent.Factory factory(
      Vertx vertx,
      ClusterStore store,
      LeaderOptions options,
      Predicate<String> agentIsMember,
      java.util.function.Consumer<LeaderControllers> current) {
    return epoch -> {
      LeaderControllers created =
          new LeaderControllers(vertx, store.fenced(epoch), options, agentIsMember);
      current.accept(created);
      return created;
    };
  }

  /** Meters this term's components in {@code registry} (the scheduler's attempts). */
  public LeaderControllers meterWith(MeterRegistry registry) {
    scheduler.meterWith(registry);
    return this;
  }

  /**
   * Starts the scheduler and every controller; fails (after stopping what started) if one cannot
   * start.
   */
  @Override
  public Future<Void> start() {
    List<Future<?>> starts = new ArrayList<>();
    starts.add(
        DefaultStorageClass.ensure(store)
            .onFailure(e -> LOG.warn("cannot make the default storage class: {}", e.toString()))
            .recover(e -> Future.succeededFuture()));
    starts.add(scheduler.start());
    runners.forEach(r -> starts.add(r.start()));
    if (network != null) {
      starts.add(network.start());
    }
    return Future.all(starts)
        .<Void>mapEmpty()
        .onSuccess(v -> LOG.info("leader components started"))
        .recover(e -> stop().transform(ignored -> Future.failedFuture(e)));
  }

  @Override
  public Future<Void> stop() {
    List<Future<?>> stops = new ArrayList<>();
    stops.add(scheduler.stop());
    runners.forEach(r -> stops.add(r.stop()));
    if (network != null) {
      stops.add(network.stop());
    }
    return Future.join(stops)
        .<Void>mapEmpty()
        .onComplete(v -> LOG.info("leader components stopped"));
  }

  /**
   * For the membership layer: a member left, so its node is lost now (pods failed and recreated
   * elsewhere).
   */
  public void nodeGone(String nodeName) {
    nodeLifecycle.nodeGone(nodeName);
  }
}
