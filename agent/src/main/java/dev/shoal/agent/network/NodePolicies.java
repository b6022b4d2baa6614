package dev.shoal.agent.network;

import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.NetworkPolicy;
import dev.shoal.manifests.model.Pod;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.nft.Nft;
import dev.shoal.overlay.policy.PolicyInputs;
import dev.shoal.overlay.policy.PolicyPod;
import dev.shoal.overlay.policy.PolicyTablePart;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's NetworkPolicy enforcement: on every change of a NetworkPolicy, Pod or Namespace, one
 * coalesced pass lists the three, plans the policy part of the {@code inet shoal} table for this
 * node's pods ({@link PolicyTablePart}), writes what changed in one transaction ({@link TablePart})
 * and cuts the established flows the new plan denies ({@link PolicyConntrack}). Drift is repaired
 * by the dataplane, which plans the part with its own table ({@link NodeDataplane}).
 *
 * <p>{@link #admit} is the pod worker's gate: a pod about to start its containers, its address
 * known from its sandbox, is planned in (isolated if a policy selects it) before they run.
 */
public final class NodePolicies {

  private static final Logger LOG = LoggerFactory.getLogger(NodePolicies.class);

  private final Vertx vertx;
  private final ClusterStore store;
  private final String nodeName;
  private final Nft nft;
  private final TablePart part;
  private final CoalescingLoop loop;
  private final List<ClusterStore.Watch> watches = new ArrayList<>();
  private final Context context;

  /** Pods admitted before the store shows their address, by {@code namespace/name}. */
  private final Map<String, PolicyPod> admitted = new ConcurrentHashMap<>();

  /** Addresses of this node's pods as last written, for {@link #admit} to skip known ones. */
  private volatile Map<String, PolicyPod> written = Map.of();

  private volatile PolicyTablePart.Compiled current;

  NodePolicies(
      Vertx vertx,
      ClusterStore store,
      String nodeName,
      CommandRunner runner,
      TablePart part,
      Duration period) {
    this.vertx = vertx;
    this.store = store;
    this.nodeName = nodeName;
    this.nft = Nft.shoal(runner);
    this.part = part;
    this.context = vertx.getOrCreateContext();
    this.loop =
        new CoalescingLoop(
            context,
            Timer.system(),
            "network-policy",
            this::pass,
            period,
            Backoff.fixed(Duration.ofMillis(300)));
  }

  public Future<Void> start() {
    return loop.startOnChangesOf(store, watches, NetworkPolicy.KIND, Pod.KIND, Namespace.KIND);
  }

  /**
   * Completes once {@code pod} (with its address) is in this node's policy rules: at once for a pod
   * written already, else after the next pass.
   */
  public Future<Void> admit(Pod pod) {
    PolicyPod p = PolicyState.pod(pod);
    if (p == null) {
      return Future.succeededFuture();
    }
    PolicyPod known = written.get(p.ip());
    if (known != null && known.equals(p)) {
      return Future.succeededFuture();
    }
    admitted.put(p.key(), p);
    return loop.trigger();
  }

  /** The plan last written (null before the first pass). */
  public PolicyTablePart.Compiled current() {
    return current;
  }

  private Future<Void> pass() {
    Future<ClusterStore.Listing> ns = store.list(Namespace.KIND, null);
    Future<ClusterStore.Listing> pods = store.list(Pod.KIND, null);
    Future<ClusterStore.Listing> nps = store.list(NetworkPolicy.KIND, null);
    return Future.all(ns, pods, nps)
        .compose(
            all -> {
              List<PolicyPod> early = new ArrayList<>(admitted.values());
              PolicyInputs inputs =
                  PolicyState.inputs(
                      ns.result().items(), pods.result().items(), nps.result().items(), early);
              return vertx.executeBlocking(
                  () -> {
                    write(inputs);
                    // admitted pods the store now shows as admitted are its business again
                    for (PolicyPod p : early) {
                      if (inputs.pods().contains(p) && stored(pods.result(), p)) {
                        admitted.remove(p.key(), p);
                      }
                    }
                    return null;
                  },
                  false);
            });
  }

  private static boolean stored(ClusterStore.Listing pods, PolicyPod p) {
    return pods.items().stream().map(r -> PolicyState.pod((Pod) r)).anyMatch(p::equals);
  }

  /** Blocking: plan, write the difference. */
  private void write(PolicyInputs inputs) throws Exception {
    long started = System.nanoTime();
    PolicyTablePart.Compiled plan = PolicyTablePart.plan(inputs, nodeName);
    boolean changed = part.apply(nft, plan.part());
    current = plan;
    written = plan.localPods();
    if (changed) {
      LOG.info(
          "network policy: {} ingress- and {} egress-isolated pod(s) of {} written in {} ms",
          plan.ingress().size(),
          plan.egress().size(),
          plan.localPods().size(),
          (System.nanoTime() - started) / 1_000_000);
    }
  }

  public Future<Void> stop() {
    loop.stop();
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  watches.forEach(ClusterStore.Watch::cancel);
                  watches.clear();
                  p.complete();
                }));
  }
}
