package dev.shoal.overlay.vxlan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.exec.CommandRunner;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.PodIpAllocator;
import dev.shoal.overlay.link.IpRouteLinkManager;
import dev.shoal.overlay.link.Route;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The overlay on a real kernel: two network namespaces are two hosts joined by a veth pair (the
 * underlay, 192.0.2.0/24). Each runs the reconciler through {@code nsenter}, holds its pod gateway
 * address on a local bridge, and pings the other's across VXLAN. Needs root; fails without it.
 */
@Tag("netns")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VxlanNetnsTest {

  private static final String ID = UUID.randomUUID().toString().substring(0, 6);
  private static final String NS_A = "shoaltest-ovl-" + ID + "-a";
  private static final String NS_B = "shoaltest-ovl-" + ID + "-b";
  private static final CommandRunner HOST = new CommandRunner(List.of(), Duration.ofSeconds(10));

  private static final OverlayNode A =
      new OverlayNode("node-a", "192.0.2.1", Cidr.of("198.18.1.0/24"));
  private static final OverlayNode B =
      new OverlayNode("node-b", "192.0.2.2", Cidr.of("198.18.2.0/24"));

  private static OverlayReconciler onA;
  private static OverlayReconciler onB;
  private static Vertx vertx;

  @BeforeAll
  static void buildTwoHosts() throws CommandException {
    vertx = Vertx.vertx();
    HOST.check(List.of("ip", "netns", "add", NS_A));
    HOST.check(List.of("ip", "netns", "add", NS_B));
    String vethA = "sto" + ID + "a";
    String vethB = "sto" + ID + "b";
    HOST.check(
        List.of(
            "ip", "link", "add", vethA, "netns", NS_A, "type", "veth", "peer", "name", vethB,
            "netns", NS_B));
    hostSetup(NS_A, vethA, A);
    hostSetup(NS_B, vethB, B);
    String kind = serviceDeviceKind(NS_A);
    onA =
        new OverlayReconciler(
            IpRouteLinkManager.inNamespace(NS_A),
            OverlayConfig.defaults("eth0").withServiceDeviceKind(kind));
    onB =
        new OverlayReconciler(
            IpRouteLinkManager.inNamespace(NS_B),
            OverlayConfig.defaults("eth0").withServiceDeviceKind(kind));
  }

  /** Underlay on eth0, and the pod gateway address (.1 of the node's subnet) on a local bridge. */
  private static void hostSetup(String ns, String veth, OverlayNode node) throws CommandException {
    ip(ns, "link", "set", veth, "name", "eth0");
    ip(ns, "link", "set", "lo", "up");
    ip(ns, "link", "set", "eth0", "up");
    ip(ns, "addr", "add", node.underlayIp() + "/24", "dev", "eth0");
    ip(ns, "link", "add", "podbr0", "type", "bridge");
    ip(
        ns,
        "addr",
        "add",
        new PodIpAllocator(node.podSubnet()).gatewayWithPrefix(),
        "dev",
        "podbr0");
    ip(ns, "link", "set", "podbr0", "up");
  }

  /**
   * The dummy module is missing on some hosts (the Shoal CI machines); a port-less bridge holds
   * addresses as well.
   */
  private static String serviceDeviceKind(String ns) throws CommandException {
    CommandRunner.Result probe =
        HOST.run(List.of("ip", "-n", ns, "link", "add", "probe0", "type", "dummy"));
    if (probe.exitCode() == 0) {
      ip(ns, "link", "del", "probe0");
      return "dummy";
    }
    return "bridge";
  }

  private static String ip(String ns, String... args) throws CommandException {
    List<String> cmd = new java.util.ArrayList<>(List.of("ip", "-n", ns));
    cmd.addAll(List.of(args));
    return HOST.check(cmd);
  }

  @AfterAll
  static void deleteNamespaces() throws Exception {
    try {
      HOST.run(List.of("ip", "netns", "del", NS_A));
      HOST.run(List.of("ip", "netns", "del", NS_B));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    String left = HOST.check(List.of("ip", "netns", "list"));
    assertFalse(left.contains(ID), "namespaces left behind: " + left);
  }

  private static DesiredOverlay desired(OverlayNode local) {
    return new DesiredOverlay(local, List.of(A, B), Set.of("198.19.0.10", "198.19.0.11"));
  }

  /** One ping from A's pod gateway to B's; true when it was answered. */
  private static boolean pingAtoB() throws CommandException {
    return HOST.run(
                List.of(
                    "nsenter",
                    "--net=/run/netns/" + NS_A,
                    "/bin/busybox",
                    "ping",
                    "-c",
                    "1",
                    "-W",
                    "1",
                    "-I",
                    "198.18.1.1",
                    "198.18.2.1"))
            .exitCode()
        == 0;
  }

  private static boolean pingsWithin(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (pingAtoB()) {
        return true;
      }
    }
    return false;
  }

  @Test
  @Order(1)
  void podSubnetsReachEachOtherAcrossVxlan() throws Exception {
    assertFalse(pingAtoB(), "no overlay yet, no path");
    OverlayReport a =
        onA.reconcileAsync(vertx, desired(A))
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    OverlayReport b = onB.reconcile(desired(B));
    assertTrue(a.converged(), a.failures().toString());
    assertTrue(b.converged(), b.failures().toString());
    assertTrue(pingsWithin(Duration.ofSeconds(10)), "198.18.1.1 -> 198.18.2.1 over VXLAN");
    assertTrue(ip(NS_B, "-4", "addr", "show", "dev", "shoal-svc0").contains("198.19.0.10/32"));
  }

  @Test
  @Order(2)
  void theKernelStateReadsBackAsConverged() throws CommandException {
    assertEquals(List.of(), onA.plan(desired(A)));
    assertEquals(List.of(), onB.plan(desired(B)));
  }

  @Test
  @Order(3)
  void aDeletedRouteComesBackOnTheNextReconcile() throws Exception {
    ip(NS_A, "route", "del", "198.18.2.0/24");
    assertFalse(pingAtoB(), "the route is gone");
    OverlayReport report = onA.reconcile(desired(A));
    assertEquals(
        List.of(
            new OverlayAction.ReplaceRoute(
                new Route("198.18.2.0/24", "198.18.2.0", "shoal-vx0", true))),
        report.applied());
    assertTrue(pingsWithin(Duration.ofSeconds(10)), "ping works again");
  }

  @Test
  @Order(4)
  void cleanupLeavesNothingOfTheOverlay() throws CommandException {
    assertTrue(onA.cleanup().converged());
    assertTrue(onB.cleanup().converged());
    for (String ns : List.of(NS_A, NS_B)) {
      String links = ip(ns, "link", "show");
      assertFalse(links.contains("shoal-"), links);
      String routes = ip(ns, "route", "show");
      assertFalse(routes.contains("shoal-") || routes.contains("onlink"), routes);
      String neighbours = ip(ns, "neigh", "show", "nud", "permanent");
      assertFalse(neighbours.contains("0e:5e:"), neighbours);
      assertNotEquals(0, HOST.run(List.of("ip", "-n", ns, "link", "show", "shoal-vx0")).exitCode());
    }
    assertEquals(List.of(), OverlayPlanner.cleanup(onA.observe()));
  }
}
