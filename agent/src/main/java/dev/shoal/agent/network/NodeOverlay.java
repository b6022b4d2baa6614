package dev.shoal.agent.network;

import dev.shoal.agent.control.Backoff;
import dev.shoal.agent.control.CoalescingLoop;
import dev.shoal.agent.control.Timer;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.link.LinkManager;
import dev.shoal.overlay.vxlan.DesiredOverlay;
import dev.shoal.overlay.vxlan.OverlayConfig;
import dev.shoal.overlay.vxlan.OverlayReconciler;
import dev.shoal.overlay.vxlan.OverlayReport;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's share of the VXLAN overlay, fed from the store: routes, neighbours and FDB entries to
 * every other node's pod subnet, every ClusterIP on the service device, and {@code
 * net.ipv4.ip_forward=1}. Reconciles when the desired overlay changes (Node or Service events;
 * heartbeats that change nothing are skipped), when the kernel reports a route or neighbour of the
 * overlay deleted ({@link KernelDeletions}), and every {@code every} regardless (drift repair). The
 * underlay device is the interface holding this node's InternalIP, looked up once. Kernel work runs
 * on worker threads.
 */
public final class NodeOverlay {

  private static final Logger LOG = LoggerFactory.getLogger(NodeOverlay.class);

  private final Vertx vertx;
  private final ClusterStore store;
  private final String nodeName;
  private final LinkManager links;
  private final CommandRunner runner;
  private final String serviceDeviceKind;
  private final Duration every;
  private final Context context;
  private final CoalescingLoop loop;
  private final List<ClusterStore.Watch> watches = new ArrayList<>();
  private volatile OverlayReconciler reconciler;
  private volatile Runnable onChanged = () -> {};
  private DesiredOverlay lastApplied;
  private long lastReconcile;

  /**
   * Set when the kernel reported one of the overlay's entries deleted: the next pass reconciles.
   */
  private volatile boolean drifted;

  private KernelDeletions deletions;

  /**
   * @param runner runs {@code ip -j addr} and {@code sysctl} in the same network namespace as
   *     {@code links}
   * @param serviceDeviceKind {@code dummy}, or {@code bridge} where the dummy module is missing
   */
  public NodeOverlay(
      Vertx vertx,
      ClusterStore store,
      String nodeName,
      LinkManager links,
      CommandRunner runner,
      String serviceDeviceKind,
      Duration every) {
    this.vertx = vertx;
    this.store = store;
    this.nodeName = nodeName;
    this.links = links;
    this.runner = runner;
    this.serviceDeviceKind = serviceDeviceKind;
    this.every = every;
    this.context = vertx.getOrCreateContext();
    this.loop =
        new CoalescingLoop(
            context,
            Timer.system(),
            "overlay",
            this::pass,
            every,
            Backoff.fixed(Duration.ofSeconds(1)));
  }

  public Future<Void> start() {
    deletions =
        KernelDeletions.follow(
            runner,
            List.of(OverlayConfig.DEFAULT_VXLAN_DEVICE),
            () -> {
              drifted = true;
              loop.trigger();
            });
    return loop.startOnChangesOf(store, watches, Node.KIND, Service.KIND);
  }

  /**
   * Called after a reconcile that changed the kernel (e.g. to let the proxy bind new ClusterIPs at
   * once).
   */
  public NodeOverlay onChanged(Runnable listener) {
    onChanged = listener == null ? () -> {} : listener;
    return this;
  }

  /** The desired overlay last reconciled, or null. */
  public DesiredOverlay lastApplied() {
    return lastApplied;
  }

  private Future<Void> pass() {
    return store
        .list(Node.KIND, null)
        .compose(
            nodes ->
                store
                    .list(Service.KIND, null)
                    .compose(
                        services -> {
                          Optional<DesiredOverlay> desired =
                              OverlayDesired.build(
                                  nodeName,
                                  cast(nodes.items(), Node.class),
                                  cast(services.items(), Service.class));
                          if (desired.isEmpty()) {
                            return Future.<Void>succeededFuture();
                          }
                          boolean due =
                              drifted
                                  || System.nanoTime() - lastReconcile
                                      >= every.toNanos() - 50_000_000L;
                          drifted = false;
                          if (desired.get().equals(lastApplied) && !due) {
                            return Future.<Void>succeededFuture();
                          }
                          return vertx
                              .executeBlocking(() -> reconcile(desired.get()))
                              .compose(
                                  report -> {
                                    lastReconcile = System.nanoTime();
                                    if (!report.applied().isEmpty()) {
                                      onChanged.run();
                                      LOG.info(
                                          "overlay: {} change(s) applied for {} node(s), {} service IP(s)",
                                          report.applied().size(),
                                          desired.get().nodes().size(),
                                          desired.get().serviceIps().size());
                                    }
                                    if (!report.converged()) {
                                      return Future.failedFuture(
                                          new IllegalStateException(
                                              "overlay: " + report.failures()));
                                    }
                                    lastApplied = desired.get();
                                    return Future.<Void>succeededFuture();
                                  });
                        }));
  }

  private OverlayReport reconcile(DesiredOverlay desired) throws CommandException {
    if (reconciler == null) {
      String device =
          UnderlayDevice.holding(runner, desired.local().underlayIp())
              .orElseThrow(
                  () ->
                      new CommandException(
                          CommandException.Kind.FAILED,
                          "no interface holds this node's InternalIP "
                              + desired.local().underlayIp()));
      reconciler =
          new OverlayReconciler(
              links, OverlayConfig.defaults(device).withServiceDeviceKind(serviceDeviceKind));
      LOG.info("overlay: underlay device {} ({})", device, desired.local().underlayIp());
    }
    runner.check(List.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=1"));
    return reconciler.reconcile(desired);
  }

  /**
   * Stops reconciling; with {@code cleanup}, removes every overlay device (and with them routes and
   * entries).
   */
  public Future<Void> stop(boolean cleanup) {
    loop.stop();
    if (deletions != null) {
      deletions.close();
    }
    Future<Void> stopped =
        Future.future(
            p ->
                context.runOnContext(
                    v -> {
                      watches.forEach(ClusterStore.Watch::cancel);
                      watches.clear();
                      p.complete();
                    }));
    OverlayReconciler r = reconciler;
    if (!cleanup || r == null) {
      return stopped;
    }
    return stopped.compose(v -> r.cleanupAsync(vertx)).mapEmpty();
  }

  private static <T> List<T> cast(List<Resource> items, Class<T> type) {
    List<T> out = new ArrayList<>(items.size());
    items.forEach(i -> out.add(type.cast(i)));
    return out;
  }
}
