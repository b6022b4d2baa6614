package dev.shoal.agent.network;

import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.controllers.network.NodeIpamController;
import dev.shoal.agent.firewall.MasqueradeRules;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.agent.store.WatchEvent;
import dev.shoal.manifests.model.Node;
import dev.shoal.overlay.ipam.Allocation;
import dev.shoal.overlay.ipam.Cidr;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's pod network: once the leader has written this node's {@code spec.podCIDR}, makes the
 * engine network pods join ({@link PodBridgeSpec}: bridge {@code shoal0}, gateway .1, MTU 1450, no
 * engine NAT) and the masquerade rule for traffic leaving the cluster ({@link MasqueradeRules}).
 * {@link #ready()} completes with the network name when both are in place; the pod worker must not
 * start pods before. Re-checked on every change of this Node and every {@code recheck} (a deleted
 * rule comes back).
 */
public final class PodNetwork {

  private static final Logger LOG = LoggerFactory.getLogger(PodNetwork.class);

  private final Vertx vertx;
  private final ClusterStore store;
  private final ObjectKey nodeKey;
  private final Cidr clusterPodCidr;
  private final PodBridges bridges;
  private final MasqueradeRules masquerade;
  private final Context context;
  private final CoalescingLoop loop;
  private final Promise<String> ready = Promise.promise();
  private final AtomicReference<PodBridgeSpec> current = new AtomicReference<>();
  private ClusterStore.Watch watch;
  private boolean waitingLogged;

  public PodNetwork(
      Vertx vertx,
      ClusterStore store,
      String nodeName,
      Cidr clusterPodCidr,
      PodBridges bridges,
      MasqueradeRules masquerade,
      Duration recheck) {
    this.vertx = vertx;
    this.store = store;
    this.nodeKey = new ObjectKey(Node.KIND, "", nodeName);
    this.clusterPodCidr = clusterPodCidr;
    this.bridges = bridges;
    this.masquerade = masquerade;
    this.context = vertx.getOrCreateContext();
    this.loop =
        new CoalescingLoop(
            context,
            Timer.system(),
            "pod-network",
            this::pass,
            recheck,
            Backoff.fixed(Duration.ofSeconds(2)));
  }

  /** Starts following this node's Node; does not wait for the subnet (see {@link #ready()}). */
  public Future<Void> start() {
    return Future.<Void>future(
        p ->
            context.runOnContext(
                v ->
                    store
                        .currentVersion()
                        .compose(
                            version ->
                                store.watch(
                                    Node.KIND,
                                    null,
                                    version,
                                    event -> {
                                      if (event.key().equals(nodeKey) && subnetMayDiffer(event)) {
                                        loop.trigger();
                                      }
                                    }))
                        .compose(
                            w -> {
                              watch = w;
                              return loop.start().recover(e -> Future.succeededFuture());
                            })
                        .onComplete(p)));
  }

  /**
   * Whether a change of this node's Node may need a pass: not when it names the subnet already in
   * place. Heartbeats rewrite the Node every few seconds and each full pass asks the engine for its
   * network and runs six iptables children; the periodic pass still repairs drift.
   */
  private boolean subnetMayDiffer(WatchEvent event) {
    PodBridgeSpec inPlace = current.get();
    if (inPlace == null
        || event.type() == WatchEvent.Type.DELETED
        || !(event.object() instanceof Node node)) {
      return true;
    }
    String podCidr = NodeIpamController.podCidr(node);
    return podCidr == null || !podCidr.equals(inPlace.subnet().toString());
  }

  /** Completes with the engine network's name once it and the masquerade rule exist. */
  public Future<String> ready() {
    return ready.future();
  }

  /** The bridge in place, or null before {@link #ready()}. */
  public PodBridgeSpec spec() {
    return current.get();
  }

  private Future<Void> pass() {
    return store
        .get(nodeKey)
        .compose(
            found -> {
              String podCidr = NodeIpamController.podCidr((Node) found);
              if (podCidr == null) {
                if (!waitingLogged) {
                  waitingLogged = true;
                  LOG.info(
                      "node {} has no pod subnet yet; waiting for the leader to assign one",
                      nodeKey.name());
                }
                return Future.<Void>succeededFuture();
              }
              Allocation<Cidr> subnet = Cidr.parse("spec.podCIDR", podCidr);
              if (subnet instanceof Allocation.Refused<Cidr> r) {
                return Future.<Void>failedFuture(
                    new IllegalStateException(nodeKey + ": " + r.reason()));
              }
              PodBridgeSpec spec = PodBridgeSpec.forSubnet(subnet.orElseThrow());
              return bridges
                  .ensure(spec)
                  .compose(
                      v ->
                          vertx.executeBlocking(
                              () ->
                                  masquerade.ensure(
                                      spec.subnet().toString(), clusterPodCidr.toString())))
                  .map(
                      changed -> {
                        if (current.getAndSet(spec) == null || changed) {
                          LOG.info(
                              "pod network {} on {} (gateway {}), masquerading to outside {}",
                              spec.name(),
                              spec.subnet(),
                              spec.gateway(),
                              clusterPodCidr);
                        }
                        ready.tryComplete(spec.name());
                        return null;
                      });
            })
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  /**
   * Stops following; with {@code cleanup}, also removes the masquerade rule and the engine network.
   */
  public Future<Void> stop(boolean cleanup) {
    loop.stop();
    Future<Void> stopped =
        Future.future(
            p ->
                context.runOnContext(
                    v -> {
                      if (watch != null) {
                        watch.cancel();
                      }
                      p.complete();
                    }));
    if (!cleanup) {
      return stopped;
    }
    return stopped
        .compose(
            v ->
                vertx.executeBlocking(
                    () -> {
                      masquerade.remove();
                      return null;
                    }))
        .compose(v -> bridges.remove(PodBridgeSpec.DEFAULT_NAME));
  }
}
