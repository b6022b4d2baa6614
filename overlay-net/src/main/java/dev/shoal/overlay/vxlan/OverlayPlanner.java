package dev.shoal.overlay.vxlan;

import dev.shoal.overlay.link.Address;
import dev.shoal.overlay.link.FdbEntry;
import dev.shoal.overlay.link.Link;
import dev.shoal.overlay.link.Neighbour;
import dev.shoal.overlay.link.Route;
import dev.shoal.overlay.link.VxlanSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Pure planning of the overlay: {@code plan(config, desired, observed)} lists the actions that turn
 * the observed kernel state into the desired one, nothing when they agree. Order: links first, then
 * removals (routes before the neighbour and FDB entries they use), then additions (FDB and
 * neighbour entries before the routes that need them).
 *
 * <p>Per remote node R (subnet S, underlay U, VTEP MAC M, VTEP IP = network address of S): route
 * {@code S via VTEP-IP dev vx onlink}, permanent neighbour {@code VTEP-IP lladdr M}, FDB entry
 * {@code M dst U}. The local VXLAN device holds its own VTEP IP as a /32.
 */
public final class OverlayPlanner {

  private OverlayPlanner() {}

  public static List<OverlayAction> plan(
      OverlayConfig config, DesiredOverlay desired, ObservedOverlay observed) {
    List<OverlayAction> links = new ArrayList<>();
    List<OverlayAction> removals = new ArrayList<>();
    List<OverlayAction> additions = new ArrayList<>();
    String vx = config.vxlanDevice();
    String svc = config.serviceDevice();

    for (Link owned : observed.ownedLinks()) {
      if (!owned.name().equals(vx) && !owned.name().equals(svc)) {
        links.add(new OverlayAction.DeleteLink(owned.name()));
      }
    }

    VxlanSpec spec =
        new VxlanSpec(
            config.vni(),
            config.port(),
            desired.local().underlayIp(),
            config.underlayDevice(),
            desired.local().vtepMac());
    ObservedOverlay seen = observed;
    Optional<Link> vxlan = observed.vxlan();
    if (vxlan.isPresent()
        && (vxlan.get().vxlan().isEmpty() || !spec.sameAs(vxlan.get().vxlan().get()))) {
      links.add(new OverlayAction.DeleteLink(vx));
      vxlan = Optional.empty();
      seen = withoutVxlan(observed);
    }
    if (vxlan.isEmpty()) {
      links.add(new OverlayAction.CreateVxlan(vx, spec));
      links.add(new OverlayAction.SetUp(vx));
    } else if (!vxlan.get().up()) {
      links.add(new OverlayAction.SetUp(vx));
    }
    if (observed.serviceDevice().isEmpty()) {
      links.add(new OverlayAction.CreateDevice(svc, config.serviceDeviceKind()));
      links.add(new OverlayAction.SetUp(svc));
    } else if (!observed.serviceDevice().get().up()) {
      links.add(new OverlayAction.SetUp(svc));
    }

    addresses(
        Set.of(new Address(vx, desired.local().vtepIp() + "/32")),
        seen.vxlanAddresses(),
        removals,
        additions);
    Set<Address> serviceAddresses = new LinkedHashSet<>();
    desired.serviceIps().stream()
        .sorted()
        .forEach(ip -> serviceAddresses.add(new Address(svc, ip + "/32")));
    addresses(serviceAddresses, observed.serviceAddresses(), removals, additions);

    List<Route> routes = new ArrayList<>();
    List<Neighbour> neighbours = new ArrayList<>();
    List<FdbEntry> fdb = new ArrayList<>();
    for (OverlayNode r : desired.remotes()) {
      routes.add(new Route(r.podSubnet().toString(), r.vtepIp(), vx, true));
      neighbours.add(Neighbour.permanent(vx, r.vtepIp(), r.vtepMac()));
      fdb.add(new FdbEntry(vx, r.vtepMac(), r.underlayIp()));
    }

    for (Route observedRoute : seen.routes()) {
      if (!routes.contains(observedRoute)) {
        removals.add(new OverlayAction.DeleteRoute(observedRoute));
      }
    }
    for (Neighbour n : seen.neighbours()) {
      if (n.permanent() && neighbours.stream().noneMatch(d -> d.ip().equals(n.ip()))) {
        removals.add(new OverlayAction.DeleteNeighbour(n));
      }
    }
    for (FdbEntry e : seen.fdb()) {
      if (fdb.stream().noneMatch(d -> sameFdb(d, e))) {
        removals.add(new OverlayAction.DeleteFdb(e));
      }
    }

    for (FdbEntry e : fdb) {
      if (seen.fdb().stream().noneMatch(o -> sameFdb(e, o))) {
        additions.add(new OverlayAction.ReplaceFdb(e));
      }
    }
    for (Neighbour n : neighbours) {
      boolean present =
          seen.neighbours().stream()
              .anyMatch(
                  o -> o.permanent() && o.ip().equals(n.ip()) && o.mac().equalsIgnoreCase(n.mac()));
      if (!present) {
        additions.add(new OverlayAction.ReplaceNeighbour(n));
      }
    }
    for (Route route : routes) {
      if (!seen.routes().contains(route)) {
        additions.add(new OverlayAction.ReplaceRoute(route));
      }
    }

    List<OverlayAction> plan = new ArrayList<>(links);
    plan.addAll(removals);
    plan.addAll(additions);
    return plan;
  }

  /**
   * Deletes every link the overlay owns; routes, neighbours and FDB entries go with their device.
   */
  public static List<OverlayAction> cleanup(ObservedOverlay observed) {
    return observed.ownedLinks().stream()
        .map(l -> (OverlayAction) new OverlayAction.DeleteLink(l.name()))
        .toList();
  }

  private static void addresses(
      Set<Address> wanted,
      List<Address> seen,
      List<OverlayAction> removals,
      List<OverlayAction> additions) {
    for (Address a : seen) {
      if (!wanted.contains(a)) {
        removals.add(new OverlayAction.DeleteAddress(a));
      }
    }
    for (Address a : wanted) {
      if (!seen.contains(a)) {
        additions.add(new OverlayAction.AddAddress(a));
      }
    }
  }

  private static boolean sameFdb(FdbEntry a, FdbEntry b) {
    return a.mac().toLowerCase(Locale.ROOT).equals(b.mac().toLowerCase(Locale.ROOT))
        && a.dst().equals(b.dst());
  }

  private static ObservedOverlay withoutVxlan(ObservedOverlay o) {
    return new ObservedOverlay(
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        o.serviceDevice(),
        o.serviceAddresses(),
        o.ownedLinks());
  }
}
