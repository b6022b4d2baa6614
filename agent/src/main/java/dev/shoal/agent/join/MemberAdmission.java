package dev.shoal.agent.join;

import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.firewall.MemberFirewall;
import dev.shoal.agent.firewall.PodIsolation;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.tls.ClusterSecret;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of member admission: the join handshake on both sides, the admitted set, and the firewall
 * that enforces it (cluster port for admitted members only; pods off the API and cluster ports).
 * With {@code --firewall false} the handshake still runs, but nothing is enforced.
 */
public final class MemberAdmission {

  private static final Logger LOG = LoggerFactory.getLogger(MemberAdmission.class);

  /** How long a starting node waits for a seed to admit it before it starts the cluster itself. */
  private static final Duration SEED_PATIENCE = Duration.ofSeconds(10);

  /** Drift repair: each pass runs iptables-save per table, so not too often on a small node. */
  private static final long REAPPLY_MS = 30_000;

  private final Vertx vertx;
  private final AgentConfig config;
  private final String nodeIp;
  private final JoinProof proof;
  private final MemberFirewall firewall;
  private PodIsolation isolation;
  private final AdmittedMembers members;
  private final java.util.List<Long> timers = new java.util.ArrayList<>();

  public MemberAdmission(Vertx vertx, AgentConfig config, ClusterSecret secret, String nodeIp) {
    this.vertx = vertx;
    this.config = config;
    this.nodeIp = nodeIp;
    this.proof = new JoinProof(secret);
    this.firewall =
        config.security().firewall()
            ? MemberFirewall.onHost(
                vertx,
                config.cluster().port(),
                List.of(Cidr.of(config.podCidr()), Cidr.of(config.serviceCidr())))
            : null;
    this.members =
        new AdmittedMembers(firewall == null ? set -> Future.succeededFuture() : firewall::apply);
  }

  public JoinHandler joinHandler() {
    return new JoinHandler(proof, members::admitHandshaken, Clock.systemUTC());
  }

  /**
   * Before the member starts: the firewall closes the cluster port to all but this node, then the
   * handshake with the seeds opens it for each seed that proves itself (and them for this node).
   */
  public Future<Void> beforeJoining() {
    Future<?> closed = members.admitHandshaken(nodeIp);
    if (firewall != null) {
      timers.add(vertx.setPeriodic(REAPPLY_MS, t -> firewall.reapply()));
    }
    List<String> seeds = config.cluster().join().stream().map(MemberAdmission::hostOf).toList();
    if (seeds.isEmpty()) {
      return closed.mapEmpty();
    }
    JoinClient client =
        new JoinClient(
            vertx,
            proof,
            config.nodeName(),
            nodeIp,
            config.apiPort(),
            !config.security().plainHttp(),
            Clock.systemUTC());
    return closed
        .compose(v -> client.join(seeds, SEED_PATIENCE, members::admitHandshaken))
        .onComplete(done -> vertx.setTimer(SEED_PATIENCE.toMillis() * 2, t -> client.close()));
  }

  /** Once in the cluster: follow every node's admission, and record this node's own. */
  public Future<Void> afterJoining(ClusterStore store) {
    return members.follow(store).compose(v -> admitSelf(store, 30));
  }

  private Future<Void> admitSelf(ClusterStore store, int triesLeft) {
    return AdmittedMembers.admitSelf(store, config.nodeName(), nodeIp)
        .<Void>mapEmpty()
        .recover(
            failure -> {
              if (triesLeft <= 0) {
                LOG.warn(
                    "cannot record this node's admission on its Node object: {}",
                    failure.getMessage());
                return Future.succeededFuture();
              }
              Promise<Void> later = Promise.promise();
              vertx.setTimer(1000, t -> admitSelf(store, triesLeft - 1).onComplete(later));
              return later.future();
            });
  }

  /** Keeps pods on {@code bridge} off this node's (and every node's) API and cluster ports. */
  public Future<Void> isolatePods(String bridge, int apiPort) {
    if (firewall == null || bridge == null) {
      return Future.succeededFuture();
    }
    PodIsolation isolation =
        PodIsolation.onHost(
            vertx,
            bridge,
            apiPort,
            config.cluster().port(),
            Cidr.of(config.podCidr()),
            Cidr.of(config.serviceCidr()));
    return isolation
        .apply()
        .onSuccess(
            changed -> {
              this.isolation = isolation;
              timers.add(vertx.setPeriodic(REAPPLY_MS, t -> isolation.apply()));
            })
        .mapEmpty();
  }

  public Set<String> admitted() {
    return members.current();
  }

  /**
   * Stops the handshake and the drift repair; with {@code cleanup}, also takes this node's chains
   * away.
   */
  public Future<Void> stop(boolean cleanup) {
    members.stop();
    timers.forEach(vertx::cancelTimer);
    if (!cleanup) {
      return Future.succeededFuture();
    }
    return Future.join(
            firewall == null ? Future.succeededFuture() : firewall.remove(),
            isolation == null ? Future.succeededFuture() : isolation.remove())
        .mapEmpty();
  }

  private static String hostOf(String seed) {
    int colon = seed.lastIndexOf(':');
    return colon > 0 ? seed.substring(0, colon) : seed;
  }
}
