package dev.shoal.overlay.vxlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.link.Address;
import dev.shoal.overlay.link.FdbEntry;
import dev.shoal.overlay.link.Link;
import dev.shoal.overlay.link.Neighbour;
import dev.shoal.overlay.link.Route;
import dev.shoal.overlay.link.VxlanSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OverlayPlannerTest {

  private static final String VX = "shoal-vx0";
  private static final String SVC = "shoal-svc0";
  private final OverlayConfig config = OverlayConfig.defaults("eth0");
  private final OverlayNode a = new OverlayNode("a", "192.0.2.1", Cidr.of("198.18.1.0/24"));
  private final OverlayNode b = new OverlayNode("b", "192.0.2.2", Cidr.of("198.18.2.0/24"));
  private final OverlayNode c = new OverlayNode("c", "192.0.2.3", Cidr.of("198.18.3.0/24"));

  private DesiredOverlay desired(Set<String> serviceIps, OverlayNode... nodes) {
    return new DesiredOverlay(a, List.of(nodes), serviceIps);
  }

  private List<OverlayAction> plan(DesiredOverlay d, ObservedOverlay o) {
    return OverlayPlanner.plan(config, d, o);
  }

  private static <T> List<T> only(List<OverlayAction> plan, Class<T> type) {
    return plan.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void vtepMacIsDerivedFromTheUnderlayAddress() {
    assertEquals("0e:5e:c0:00:02:07", VtepMac.forUnderlay("192.0.2.7"));
    assertEquals("0e:5e:0a:ff:00:01", VtepMac.forUnderlay("10.255.0.1"));
  }

  @Test
  void fromNothingBuildsDevicesAddressesAndPerRemoteEntries() {
    List<OverlayAction> plan =
        plan(desired(Set.of("10.96.0.10"), a, b, c), ObservedOverlay.NOTHING);
    VxlanSpec spec = new VxlanSpec(1, 4789, "192.0.2.1", "eth0", "0e:5e:c0:00:02:01");
    assertEquals(
        List.of(
            new OverlayAction.CreateVxlan(VX, spec),
            new OverlayAction.SetUp(VX),
            new OverlayAction.CreateDevice(SVC, "dummy"),
            new OverlayAction.SetUp(SVC),
            new OverlayAction.AddAddress(new Address(VX, "198.18.1.0/32")),
            new OverlayAction.AddAddress(new Address(SVC, "10.96.0.10/32")),
            new OverlayAction.ReplaceFdb(new FdbEntry(VX, "0e:5e:c0:00:02:02", "192.0.2.2")),
            new OverlayAction.ReplaceFdb(new FdbEntry(VX, "0e:5e:c0:00:02:03", "192.0.2.3")),
            new OverlayAction.ReplaceNeighbour(
                Neighbour.permanent(VX, "198.18.2.0", "0e:5e:c0:00:02:02")),
            new OverlayAction.ReplaceNeighbour(
                Neighbour.permanent(VX, "198.18.3.0", "0e:5e:c0:00:02:03")),
            new OverlayAction.ReplaceRoute(new Route("198.18.2.0/24", "198.18.2.0", VX, true)),
            new OverlayAction.ReplaceRoute(new Route("198.18.3.0/24", "198.18.3.0", VX, true))),
        plan);
  }

  @Test
  void theLocalNodeAndCollidingNodesAreNotRemotes() {
    OverlayNode clash = new OverlayNode("clash", "192.0.2.9", Cidr.of("198.18.1.0/24"));
    OverlayNode sameUnderlay = new OverlayNode("ghost", "192.0.2.1", Cidr.of("198.18.9.0/24"));
    assertEquals(List.of(b), desired(Set.of(), a, b, clash, sameUnderlay).remotes());
  }

  private ObservedOverlay converged(DesiredOverlay d) throws CommandException {
    FakeLinkManager fake = new FakeLinkManager();
    OverlayReconciler r = new OverlayReconciler(fake, config);
    assertTrue(r.reconcile(d).converged());
    return r.observe();
  }

  @Test
  void agreementPlansNothing() throws CommandException {
    DesiredOverlay d = desired(Set.of("10.96.0.10"), a, b, c);
    assertEquals(List.of(), plan(d, converged(d)));
  }

  @Test
  void aMissingRouteIsPutBack() throws CommandException {
    DesiredOverlay d = desired(Set.of(), a, b, c);
    ObservedOverlay o = converged(d);
    List<Route> routes = new ArrayList<>(o.routes());
    routes.remove(0);
    ObservedOverlay drifted =
        new ObservedOverlay(
            o.vxlan(),
            o.vxlanAddresses(),
            routes,
            o.neighbours(),
            o.fdb(),
            o.serviceDevice(),
            o.serviceAddresses(),
            o.ownedLinks());
    assertEquals(
        List.of(new OverlayAction.ReplaceRoute(new Route("198.18.2.0/24", "198.18.2.0", VX, true))),
        plan(d, drifted));
  }

  @Test
  void aRemovedNodeLosesRouteNeighbourAndFdbEntryRoutesFirst() throws CommandException {
    ObservedOverlay o = converged(desired(Set.of(), a, b, c));
    List<OverlayAction> plan = plan(desired(Set.of(), a, b), o);
    assertEquals(
        List.of(
            new OverlayAction.DeleteRoute(new Route("198.18.3.0/24", "198.18.3.0", VX, true)),
            new OverlayAction.DeleteNeighbour(
                Neighbour.permanent(VX, "198.18.3.0", "0e:5e:c0:00:02:03")),
            new OverlayAction.DeleteFdb(new FdbEntry(VX, "0e:5e:c0:00:02:03", "192.0.2.3"))),
        plan);
  }

  @Test
  void aNodeThatMovedGetsItsEntriesRewritten() throws CommandException {
    ObservedOverlay o = converged(desired(Set.of(), a, b));
    OverlayNode moved = new OverlayNode("b", "192.0.2.20", Cidr.of("198.18.2.0/24"));
    List<OverlayAction> plan = plan(desired(Set.of(), a, moved), o);
    assertEquals(
        List.of(
            new OverlayAction.DeleteFdb(new FdbEntry(VX, "0e:5e:c0:00:02:02", "192.0.2.2")),
            new OverlayAction.ReplaceFdb(new FdbEntry(VX, "0e:5e:c0:00:02:14", "192.0.2.20")),
            new OverlayAction.ReplaceNeighbour(
                Neighbour.permanent(VX, "198.18.2.0", "0e:5e:c0:00:02:14"))),
        plan);
  }

  @Test
  void aVxlanDeviceWithOtherSettingsIsRecreated() {
    Link wrong =
        new Link(
            VX,
            "vxlan",
            "0e:5e:c0:00:02:01",
            true,
            Optional.of(new VxlanSpec(42, 4789, "192.0.2.1", "eth0", "0e:5e:c0:00:02:01")));
    ObservedOverlay o =
        new ObservedOverlay(
            Optional.of(wrong),
            List.of(new Address(VX, "198.18.1.0/32")),
            List.of(new Route("198.18.2.0/24", "198.18.2.0", VX, true)),
            List.of(),
            List.of(),
            Optional.empty(),
            List.of(),
            List.of(wrong));
    List<OverlayAction> plan = plan(desired(Set.of(), a, b), o);
    assertEquals(new OverlayAction.DeleteLink(VX), plan.get(0));
    assertEquals(
        new OverlayAction.CreateVxlan(
            VX, new VxlanSpec(1, 4789, "192.0.2.1", "eth0", "0e:5e:c0:00:02:01")),
        plan.get(1));
    assertEquals(
        1,
        only(plan, OverlayAction.ReplaceRoute.class).size(),
        "routes are re-added, not deleted one by one");
    assertEquals(0, only(plan, OverlayAction.DeleteRoute.class).size());
  }

  @Test
  void aDeviceThatWentDownIsSetUp() throws CommandException {
    DesiredOverlay d = desired(Set.of(), a, b);
    ObservedOverlay o = converged(d);
    Link down = new Link(VX, "vxlan", o.vxlan().get().mac(), false, o.vxlan().get().vxlan());
    ObservedOverlay drifted =
        new ObservedOverlay(
            Optional.of(down),
            o.vxlanAddresses(),
            o.routes(),
            o.neighbours(),
            o.fdb(),
            o.serviceDevice(),
            o.serviceAddresses(),
            o.ownedLinks());
    assertEquals(List.of(new OverlayAction.SetUp(VX)), plan(d, drifted));
  }

  @Test
  void serviceIpsFollowTheDesiredSetAndForeignRoutesAndNeighboursGo() throws CommandException {
    ObservedOverlay o = converged(desired(Set.of("10.96.0.10", "10.96.0.11"), a, b));
    List<Route> routes = new ArrayList<>(o.routes());
    routes.add(new Route("203.0.113.0/24", null, VX, false));
    List<Neighbour> neighbours = new ArrayList<>(o.neighbours());
    neighbours.add(new Neighbour(VX, "198.18.7.9", "", false));
    neighbours.add(Neighbour.permanent(VX, "198.18.8.0", "0e:5e:00:00:00:01"));
    ObservedOverlay drifted =
        new ObservedOverlay(
            o.vxlan(),
            o.vxlanAddresses(),
            routes,
            neighbours,
            o.fdb(),
            o.serviceDevice(),
            o.serviceAddresses(),
            o.ownedLinks());
    List<OverlayAction> plan = plan(desired(Set.of("10.96.0.11", "10.96.0.12"), a, b), drifted);
    assertEquals(
        List.of(
            new OverlayAction.DeleteAddress(new Address(SVC, "10.96.0.10/32")),
            new OverlayAction.DeleteRoute(new Route("203.0.113.0/24", null, VX, false)),
            new OverlayAction.DeleteNeighbour(
                Neighbour.permanent(VX, "198.18.8.0", "0e:5e:00:00:00:01")),
            new OverlayAction.AddAddress(new Address(SVC, "10.96.0.12/32"))),
        plan);
  }

  @Test
  void staleOwnedLinksAreDeletedAndCleanupDeletesAllOwned() {
    Link old = new Link("shoal-vx9", "vxlan", "", true, Optional.empty());
    ObservedOverlay o =
        new ObservedOverlay(
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty(),
            List.of(),
            List.of(old));
    assertEquals(new OverlayAction.DeleteLink("shoal-vx9"), plan(desired(Set.of(), a), o).get(0));
    assertEquals(List.of(new OverlayAction.DeleteLink("shoal-vx9")), OverlayPlanner.cleanup(o));
  }

  /** Property: for random node sets and random starting states, one plan applied converges. */
  @Test
  void applyingAPlanAlwaysConverges() throws CommandException {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      FakeLinkManager fake = new FakeLinkManager();
      OverlayReconciler r = new OverlayReconciler(fake, config);
      for (int step = 0; step < 3; step++) {
        DesiredOverlay d = randomDesired(random);
        r.reconcile(d);
        if (random.nextBoolean() && !fake.routes.isEmpty()) {
          fake.routes.remove(random.nextInt(fake.routes.size()));
        }
        if (random.nextInt(4) == 0 && fake.links.containsKey(VX)) {
          fake.setDown(VX);
        }
        OverlayReport report = r.reconcile(d);
        assertTrue(report.converged(), report.failures().toString());
        assertEquals(List.of(), r.plan(d), "round " + round + " step " + step);
      }
      r.cleanup();
      assertTrue(
          fake.links.isEmpty()
              && fake.routes.isEmpty()
              && fake.fdb.isEmpty()
              && fake.neighbours.isEmpty());
    }
  }

  private DesiredOverlay randomDesired(Random random) {
    List<OverlayNode> nodes = new ArrayList<>(List.of(a));
    for (int i = 2; i < 12; i++) {
      if (random.nextBoolean()) {
        int underlay = random.nextInt(3) == 0 ? 100 + i : i;
        nodes.add(
            new OverlayNode("n" + i, "192.0.2." + underlay, Cidr.of("198.18." + i + ".0/24")));
      }
    }
    Set<String> ips = new TreeSet<>();
    for (int i = 0; i < random.nextInt(4); i++) {
      ips.add("10.96.0." + (10 + random.nextInt(5)));
    }
    return new DesiredOverlay(a, nodes, ips);
  }
}
