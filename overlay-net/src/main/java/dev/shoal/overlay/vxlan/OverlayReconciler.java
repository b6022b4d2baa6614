package dev.shoal.overlay.vxlan;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.link.Address;
import dev.shoal.overlay.link.FdbEntry;
import dev.shoal.overlay.link.Link;
import dev.shoal.overlay.link.LinkManager;
import dev.shoal.overlay.link.Neighbour;
import dev.shoal.overlay.link.Route;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;

/**
 * Observe, plan, apply. Level-triggered: call {@link #reconcile(DesiredOverlay)} whenever the node
 * list or the service IPs change and on a timer, and any drift (a route someone deleted, a device
 * that went down) is put back. The blocking methods must run on a worker thread; the {@code
 * ...Async} variants do that through {@link Vertx#executeBlocking}.
 */
public final class OverlayReconciler {

  private final LinkManager links;
  private final OverlayConfig config;
  private final OverlayExecutor executor;

  public OverlayReconciler(LinkManager links, OverlayConfig config) {
    this.links = links;
    this.config = config;
    this.executor = new OverlayExecutor(links);
  }

  public OverlayConfig config() {
    return config;
  }

  /** Reads the overlay's share of the kernel state. */
  public ObservedOverlay observe() throws CommandException {
    List<Link> all = links.links();
    List<Link> owned = all.stream().filter(l -> config.owns(l.name())).toList();
    Optional<Link> vxlan = find(all, config.vxlanDevice());
    Optional<Link> service = find(all, config.serviceDevice());
    List<Address> vxAddresses = List.of();
    List<Route> routes = List.of();
    List<Neighbour> neighbours = List.of();
    List<FdbEntry> fdb = List.of();
    if (vxlan.isPresent()) {
      String vx = config.vxlanDevice();
      vxAddresses = links.addresses(vx);
      routes = links.routes(vx);
      neighbours = links.neighbours(vx);
      fdb = links.fdb(vx);
    }
    List<Address> svcAddresses =
        service.isPresent() ? links.addresses(config.serviceDevice()) : List.of();
    return new ObservedOverlay(
        vxlan, vxAddresses, routes, neighbours, fdb, service, svcAddresses, owned);
  }

  public List<OverlayAction> plan(DesiredOverlay desired) throws CommandException {
    return OverlayPlanner.plan(config, desired, observe());
  }

  public OverlayReport reconcile(DesiredOverlay desired) throws CommandException {
    return executor.apply(plan(desired));
  }

  /** Removes every link this overlay owns (by name prefix) and with them its routes and entries. */
  public OverlayReport cleanup() throws CommandException {
    return executor.apply(OverlayPlanner.cleanup(observe()));
  }

  public Future<OverlayReport> reconcileAsync(Vertx vertx, DesiredOverlay desired) {
    return vertx.executeBlocking(() -> reconcile(desired), false);
  }

  public Future<OverlayReport> cleanupAsync(Vertx vertx) {
    return vertx.executeBlocking(this::cleanup, false);
  }

  private static Optional<Link> find(List<Link> all, String name) {
    return all.stream().filter(l -> l.name().equals(name)).findFirst();
  }
}
