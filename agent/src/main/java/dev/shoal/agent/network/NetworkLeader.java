package dev.shoal.agent.network;

import dev.shoal.agent.control.ControllerRunner;
import dev.shoal.agent.leader.LeaderComponent;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.overlay.ipam.SubnetAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's leader-only parts for one term: the node IPAM controller and the address sweeper (every
 * {@code sweepEvery}), both writing through the term's fenced store.
 */
public final class NetworkLeader implements LeaderComponent {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkLeader.class);
  static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
  static final Duration CLAIM_GRACE = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final ControllerRunner ipam;
  private final ServiceAddressSweeper sweeper;
  private final Duration sweepEvery;
  private long timer = -1;
  private boolean sweeping;

  public NetworkLeader(Vertx vertx, ClusterStore fencedStore, SubnetAllocator subnets, Duration sweepEvery) {
    this.vertx = vertx;
    this.ipam = new ControllerRunner(vertx, fencedStore, new NodeIpamController(fencedStore, subnets),
        ControllerRunner.Options.DEFAULT.withResyncPeriod(Duration.ofSeconds(10)));
    this.sweeper = new ServiceAddressSweeper(fencedStore, Clock.systemUTC(), CLAIM_GRACE);
    this.sweepEvery = sweepEvery;
  }

  /** For {@code LeaderElection.register}: a fresh instance per term over {@code store.fenced(epoch)}. */
  public static LeaderComponent.Factory factory(Vertx vertx, ClusterStore store, SubnetAllocator subnets) {
    return epoch -> new NetworkLeader(vertx, store.fenced(epoch), subnets, SWEEP_EVERY);
  }

  @Override
  public Future<Void> start() {
    return ipam.start().onSuccess(v -> timer = vertx.setPeriodic(sweepEvery.toMillis(), id -> sweepOnce()));
  }

  private void sweepOnce() {
    if (sweeping) {
      return;
    }
    sweeping = true;
    sweeper.sweep()
        .onSuccess(r -> {
          if (!r.released().isEmpty() || !r.restored().isEmpty() || !r.portsReleased().isEmpty()) {
            LOG.info("address sweep: released IPs {}, restored claims {}, released node ports {}", r.released(),
                r.restored(), r.portsReleased());
          }
        })
        .onFailure(e -> LOG.warn("address sweep failed: {}", e.toString()))
        .onComplete(done -> sweeping = false);
  }

  @Override
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return ipam.stop();
  }
}
