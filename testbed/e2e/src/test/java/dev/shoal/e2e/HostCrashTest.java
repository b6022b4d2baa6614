package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * A host that crashes (agent, engine and containers gone) has its replicas replaced on the others,
 * traffic through their Service from a pod on h2 is answered again on every connection, and its
 * overlay entries (route, neighbour, FDB entry) are removed on the others until it rejoins.
 */
class HostCrashTest extends ThreeHostTestbed {

  @Test
  void replicasOfACrashedHostComeBackOnTheOthers() {
    deploySleepers(api(2));
    ServiceProbe traffic = new ServiceProbe();
    Poll.until(
        "12 of 12 connections through " + traffic.clusterIp + " answered before the crash",
        SETTLE_LIMIT,
        traffic::answered,
        "12"::equals);
    String h3Subnet = api(1).get("/api/v1/nodes/h3").path("spec").path("podCIDR").asText();
    for (int n = 1; n <= 2; n++) {
      OverlayEntries entries = OverlayEntries.of(testbed, host(n));
      assertTrue(
          entries.reaches(h3Subnet, host(3).ip()),
          host(n).name() + " toward h3 (" + h3Subnet + "): " + entries);
    }

    long crashed = System.nanoTime();
    testbed.crash(host(3));
    // Polled beside the checks below, so that its figure counts from the crash as theirs do.
    CompletableFuture<String> trafficBack =
        CompletableFuture.supplyAsync(
            () -> {
              Poll.until(
                  "12 of 12 connections through "
                      + traffic.clusterIp
                      + " answered after h3 crashed",
                  SETTLE_LIMIT,
                  traffic::answered,
                  "12"::equals);
              return since(crashed);
            });
    for (int n = 1; n <= 2; n++) {
      Host other = host(n);
      OverlayEntries left =
          Poll.until(
              other.name() + " without its route, neighbour and FDB entry toward h3",
              SETTLE_LIMIT,
              () -> OverlayEntries.of(testbed, other),
              e -> e.forgot(h3Subnet, host(3).ip()));
      figure(
          "overlay-leave %s dropped h3's route to %s, neighbour and FDB entry %s after h3 crashed (left: %s)",
          other.name(), h3Subnet, since(crashed), left);
    }
    List<PodView> pods =
        Poll.until(
            "6 serving pods on h1 and h2",
            SETTLE_LIMIT,
            () -> serving(api(1)),
            p ->
                p.size() == Sleepers.REPLICAS
                    && p.stream().noneMatch(pod -> pod.node().equals("h3")));
    figure(
        "crash-converge %d pods on h1+h2 in %s after h3 crashed (%s)",
        pods.size(), since(crashed), spread(pods));
    figure(
        "traffic-after-crash every connection through the ClusterIP %s answered again %s after h3"
            + " crashed",
        traffic.clusterIp, joined(trafficBack));

    List<PodView> settled =
        Poll.stable(
            "exactly 6 serving pods, none left on h3",
            SETTLE_LIMIT,
            java.time.Duration.ofSeconds(3),
            () -> api(2).pods(Sleepers.NAMESPACE, Sleepers.SELECTOR),
            p -> p.size() == Sleepers.REPLICAS && p.stream().allMatch(PodView::serving));
    figure(
        "crash-settled %d pod objects in %s (%s)", settled.size(), since(crashed), spread(settled));
    assertTrue(
        settled.stream().noneMatch(p -> p.node().equals("h3")), "no pod left on h3: " + settled);
    assertEquals(
        Sleepers.REPLICAS,
        appContainers(host(1)) + appContainers(host(2)),
        "app containers on h1+h2");

    // The host comes back (engine, then agent): it must not bring its old replicas back to life.
    long restarted = System.nanoTime();
    testbed.restart(host(3));
    figure("crash-rejoin h3 ready %s after restart", since(restarted));

    // Its Node object kept its subnet: the others' entries toward it are back, and it has theirs.
    assertEquals(
        h3Subnet,
        api(3).get("/api/v1/nodes/h3").path("spec").path("podCIDR").asText(),
        "h3's subnet");
    for (int n = 1; n <= 3; n++) {
      Host host = host(n);
      List<Host> others = hosts.stream().filter(h -> !h.equals(host)).toList();
      List<String> subnets =
          others.stream()
              .map(
                  h ->
                      api(1).get("/api/v1/nodes/" + h.name()).path("spec").path("podCIDR").asText())
              .toList();
      Poll.until(
          host.name() + " with entries toward " + others,
          SETTLE_LIMIT,
          () -> OverlayEntries.of(testbed, host),
          e ->
              e.reaches(subnets.get(0), others.get(0).ip())
                  && e.reaches(subnets.get(1), others.get(1).ip()));
    }
    figure(
        "overlay-rejoin every host has its route, neighbour and FDB entry toward the two others %s after h3's"
            + " restart",
        since(restarted));

    List<PodView> after =
        Poll.stable(
            "still exactly 6 serving pods, h3's engine without app containers",
            SETTLE_LIMIT,
            java.time.Duration.ofSeconds(3),
            () -> api(3).pods(Sleepers.NAMESPACE, Sleepers.SELECTOR),
            p ->
                p.size() == Sleepers.REPLICAS
                    && p.stream().allMatch(PodView::serving)
                    && appContainers(host(3)) == 0);
    figure("crash-rejoin settled %s after restart (%s)", since(restarted), spread(after));
  }

  /** The result of a poll that ran beside the test, with its own failure if it failed. */
  private static String joined(CompletableFuture<String> poll) {
    try {
      return poll.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof AssertionError failed) {
        throw failed;
      }
      throw e;
    }
  }

  /**
   * 12 connections in a row to the workload's ClusterIP from a replica on h2 (which the crash of h3
   * leaves alone): strict round-robin over 6 endpoints reaches each twice, so "12" means no
   * endpoint of the crashed host is left.
   */
  private static final class ServiceProbe {
    final String clusterIp =
        api(2)
            .get("/api/v1/namespaces/" + Sleepers.NAMESPACE + "/services/sleepers")
            .path("spec")
            .path("clusterIP")
            .asText();
    private final String client = Probes.anyAppContainer(host(2), Sleepers.NAMESPACE);

    /** How many of the 12 connections a replica answered (its pod name), as the shell counts. */
    String answered() {
      return Probes.inContainer(
              host(2),
              client,
              "ok=0; for i in $(seq 12); do nc -w 1 "
                  + clusterIp
                  + " 80 </dev/null | grep -q sleepers && ok=$((ok+1)); done; echo $ok")
          .trim();
    }
  }
}
