package dev.shoal.agent.join;

import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Retry;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.firewall.MemberFirewall;
import dev.shoal.agent.firewall.PodIsolation;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.tls.ClusterSecret;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of member admission: the join handshake on both sides, the admitted set, and the firewall
 * that enforces it (cluster port for admitted members only; pods off the API and cluster ports).
 * With {@code --firewall false} the handshake still runs, but nothing is enforced. The drift repair
 * and the retries run on the injected {@link Timer}.
 */
public final class MemberAdmission {

  private static final Logger LOG = LoggerFactory.getLogger(MemberAdmission.class);

  /** How long a starting node waits for a seed to admit it before it starts the cluster itself. */
  private static final Duration SEED_PATIENCE = Duration.ofSeconds(10);

  /** Drift repair: each pass runs iptables-save per table, so not too often on a small node. */
  private static final Duration REAPPLY = Duration.ofSeconds(30);

  /** Recording this node's admission on its Node object: tried this often, a second apart. */
  private static final int ADMIT_SELF_TRIES = 31;

  private static final Backoff ADMIT_SELF_RETRY = Backoff.fixed(Duration.ofSeconds(1));

  private final Vertx vertx;
  private final Timer timer;
  private final AgentConfig config;
  private final String nodeIp;
  private final JoinProof proof;
  private final MemberFirewall firewall;
  private PodIsolation isolation;
  private final AdmittedMembers members;
  private final List<CoalescingLoop> repairs = new ArrayList<>();

  public MemberAdmission(
      Vertx vertx, Timer timer, AgentConfig config, ClusterSecret secret, String nodeIp) {
    this.vertx = vertx;
    this.timer = timer;
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
    return new JoinHandler(proof, members::admitHandshaken, timer.clock());
  }

  /**
   * Before the member starts: the firewall closes the cluster port to all but this node, then the
   * handshake with the seeds opens it for each seed that proves itself (and them for this node).
   */
  public Future<Void> beforeJoining() {
    Future<?> closed = members.admitHandshaken(nodeIp);
    if (firewall != null) {
      repairEvery(REAPPLY, "member firewall repair", firewall::reapply);
    }
    List<String> seeds = config.cluster().join().stream().map(MemberAdmission::hostOf).toList();
    if (seeds.isEmpty()) {
      return closed.mapEmpty();
    }
    JoinClient client =
        new JoinClient(
            vertx,
            timer,
            proof,
            config.nodeName(),
            nodeIp,
            config.apiPort(),
            !config.security().plainHttp());
    // The client stays open a while after the join: seeds that answer late still admit this node.
    return closed
        .compose(v -> client.join(seeds, SEED_PATIENCE, members::admitHandshaken))
        .onComplete(done -> timer.schedule(SEED_PATIENCE.multipliedBy(2), client::close));
  }

  /** Once in the cluster: follow every node's admission, and record this node's own. */
  public Future<Void> afterJoining(ClusterStore store) {
    return members.follow(store).compose(v -> admitSelf(store, new Retry(ADMIT_SELF_RETRY)));
  }

  private Future<Void> admitSelf(ClusterStore store, Retry retry) {
    return AdmittedMembers.admitSelf(store, config.nodeName(), nodeIp)
        .<Void>mapEmpty()
        .recover(
            failure -> {
              if (retry.failures() + 1 >= ADMIT_SELF_TRIES) {
                LOG.warn(
                    "cannot record this node's admission on its Node object: {}",
                    failure.getMessage());
                return Future.succeededFuture();
              }
              return timer.after(retry.failed()).compose(v -> admitSelf(store, retry));
            });
  }

  /**
   * Runs {@code pass} again every {@code period} (the first one has just run), one at a time; a
   * failed pass is tried again sooner.
   */
  private void repairEvery(Duration period, String name, Supplier<Future<?>> pass) {
    CoalescingLoop loop =
        new CoalescingLoop(
            vertx.getOrCreateContext(),
            timer,
            name,
            pass,
            period,
            new Backoff(Duration.ofSeconds(1), period));
    repairs.add(loop);
    loop.startTicking();
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
              repairEvery(REAPPLY, "pod isolation repair", isolation::apply);
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
    Future<Void> stopped =
        Future.join(repairs.stream().map(CoalescingLoop::stop).toList()).mapEmpty();
    if (!cleanup) {
      return stopped;
    }
    return stopped
        .compose(
            v ->
                Future.join(
                    firewall == null ? Future.succeededFuture() : firewall.remove(),
                    isolation == null ? Future.succeededFuture() : isolation.remove()))
        .mapEmpty();
  }

  private static String hostOf(String seed) {
    int colon = seed.lastIndexOf(':');
    return colon > 0 ? seed.substring(0, colon) : seed;
  }
}
