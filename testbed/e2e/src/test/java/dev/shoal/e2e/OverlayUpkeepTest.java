package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The agent keeps what it made in the kernel and takes it away when asked: an overlay route deleted
 * by hand comes back (drift repair), and an agent stopped with {@code --cleanup} leaves no pod
 * container, overlay device, pod network or iptables chain of Shoal behind on its host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverlayUpkeepTest extends ThreeHostTestbed {

  /**
   * The agent follows the kernel's deletions on the overlay device and repairs at once; its full
   * pass every 30 s would be later than this.
   */
  private static final Duration REPAIR_LIMIT = Duration.ofSeconds(10);

  @Test
  @Order(1)
  void aDeletedOverlayRouteComesBack() {
    deploySleepers(api(2));
    String h2Subnet = api(1).get("/api/v1/nodes/h2").path("spec").path("podCIDR").asText();
    Poll.until(
        "h1's entries toward h2",
        SETTLE_LIMIT,
        () -> OverlayEntries.of(testbed, host(1)),
        e -> e.reaches(h2Subnet, host(2).ip()));

    long deleted = System.nanoTime();
    // Deleted and read back in one go: the agent puts the route back within about 0.1 s, sooner
    // than a
    // second round trip through the test bed would see it gone.
    String routesRightAfter =
        testbed.exec(
            host(1),
            "sh",
            "-c",
            "ip route del "
                + h2Subnet
                + " dev "
                + OverlayEntries.DEVICE
                + " && ip neigh del "
                + h2Subnet.substring(0, h2Subnet.indexOf('/'))
                + " dev "
                + OverlayEntries.DEVICE
                + " && ip route show dev "
                + OverlayEntries.DEVICE);
    // Both deletions succeeded (the shell stops at the first that fails, and exec fails with it).
    // On a quiet
    // machine the agent has already put the route back before the shell's next command lists the
    // routes (seen
    // twice in a row), so the listing only tells how fast, not whether, the repair came.
    figure(
        "overlay-repair the route to %s was %s when the same shell listed the routes right after deleting it",
        h2Subnet, routesRightAfter.contains(h2Subnet + " ") ? "already back" : "still gone");
    Poll.until(
        "h1's route and neighbour toward h2 back",
        REPAIR_LIMIT,
        () -> OverlayEntries.of(testbed, host(1)),
        e -> e.reaches(h2Subnet, host(2).ip()));
    figure(
        "overlay-repair h1's deleted route to %s and its neighbour entry were back %s later",
        h2Subnet, since(deleted));
  }

  @Test
  @Order(2)
  void anAgentStoppedWithCleanupLeavesNothingBehind() {
    testbed.kill(host(3));
    testbed.restartWithAgentArgs(host(3), "--cleanup");
    String h3Subnet = api(1).get("/api/v1/nodes/h3").path("spec").path("podCIDR").asText();
    Poll.until(
        "h3 running pods again, with its overlay and chains",
        SETTLE_LIMIT,
        () -> footprint(host(3)),
        f ->
            f.containers() > 0
                && f.devices().containsAll(List.of("shoal-svc0", "shoal-vx0"))
                && f.chains().contains("table inet shoal")
                && f.network());

    long stopping = System.nanoTime();
    testbed.stop(host(3));
    figure("cleanup h3's agent stopped %s after SIGTERM", since(stopping));
    Footprint left = footprint(host(3));
    assertEquals(
        new Footprint(0, List.of(), List.of(), false), left, "what h3's agent left behind");

    // The others carry on: h3's replicas come back on h1 and h2, and they drop their entries toward
    // h3.
    List<PodView> pods =
        Poll.until(
            "6 serving pods on h1 and h2",
            SETTLE_LIMIT,
            () -> serving(api(1)),
            p ->
                p.size() == Sleepers.REPLICAS
                    && p.stream().noneMatch(pod -> pod.node().equals("h3")));
    figure(
        "cleanup %d pods serving on h1+h2 %s after h3's SIGTERM (%s)",
        pods.size(), since(stopping), spread(pods));
    Poll.until(
        "h1 without entries toward h3",
        SETTLE_LIMIT,
        () -> OverlayEntries.of(testbed, host(1)),
        e -> e.forgot(h3Subnet, host(3).ip()));
  }

  /**
   * What of Shoal's is on a host: pod containers in its engine, network devices (overlay, services,
   * pod bridge), iptables chains (filter and nat, IPv4 and IPv6), the nftables table {@code inet
   * shoal} and the engine's pod network.
   */
  private record Footprint(
      int containers, List<String> devices, List<String> chains, boolean network) {}

  private static Footprint footprint(Host host) {
    int containers =
        lines(testbed.docker(host, "ps", "-aq", "--filter", "label=dev.shoal.node")).size();
    List<String> devices =
        lines(testbed.exec(host, "ip", "-o", "link", "show")).stream()
            .map(line -> line.split(":\\s+")[1].split("@")[0])
            .filter(name -> name.startsWith("shoal"))
            .sorted()
            .toList();
    List<String> chains =
        Stream.of("iptables", "ip6tables")
            .flatMap(
                tool ->
                    Stream.of("filter", "nat")
                        .flatMap(
                            table -> lines(testbed.exec(host, tool, "-t", table, "-S")).stream()))
            .filter(rule -> rule.startsWith("-N SHOAL"))
            .map(rule -> rule.substring(3))
            .collect(Collectors.toList());
    lines(testbed.exec(host, "nft", "list", "tables")).stream()
        .filter(t -> t.contains("shoal"))
        .forEach(chains::add);
    chains.sort(null);
    boolean network =
        lines(testbed.docker(host, "network", "ls", "--format", "{{.Name}}")).contains("shoal");
    return new Footprint(containers, devices, chains, network);
  }

  private static List<String> lines(String output) {
    return Arrays.stream(output.split("\n"))
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .toList();
  }
}
