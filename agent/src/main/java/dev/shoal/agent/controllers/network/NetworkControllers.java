package dev.shoal.agent.controllers.network;

import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.ControllerRunner;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.overlay.ipam.SubnetAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster network's part of the leader bundle, for one term: the node IPAM controller and the
 * address sweeper (every {@link #SWEEP_EVERY}, on the bundle's timer), both writing through the
 * term's fenced store.
 */
public final class NetworkControllers {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkControllers.class);
  public static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
  static final Duration CLAIM_GRACE = Duration.ofSeconds(60);

  private final ControllerRunner ipam;
  private final CoalescingLoop sweeps;

  public NetworkControllers(
      Vertx vertx,
      ClusterStore fencedStore,
      SubnetAllocator subnets,
      ControllerRunner.Options runnerOptions,
      Timer timer,
      Duration sweepEvery) {
    this.ipam =
        new ControllerRunner(
            vertx,
            fencedStore,
            new NodeIpamController(fencedStore, subnets),
            runnerOptions.withResyncPeriod(Duration.ofSeconds(10)));
    ServiceAddressSweeper sweeper =
        new ServiceAddressSweeper(fencedStore, timer.clock(), CLAIM_GRACE);
    this.sweeps =
        new CoalescingLoop(
            vertx.getOrCreateContext(),
            timer,
            "address sweep",
            () -> sweeper.sweep().onSuccess(NetworkControllers::logChanges),
            sweepEvery,
            Backoff.fixed(sweepEvery));
  }

  public Future<Void> start() {
    return ipam.start().onSuccess(v -> sweeps.startTicking());
  }

  public Future<Void> stop() {
    return Future.join(ipam.stop(), sweeps.stop()).mapEmpty();
  }

  private static void logChanges(ServiceAddressSweeper.Report r) {
    if (!r.released().isEmpty() || !r.restored().isEmpty() || !r.portsReleased().isEmpty()) {
      LOG.info(
          "address sweep: released IPs {}, restored claims {}, released node ports {}",
          r.released(),
          r.restored(),
          r.portsReleased());
    }
  }
}
