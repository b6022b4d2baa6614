package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A host that crashes (agent, engine and containers gone) has its replicas replaced on the others. */
class HostCrashTest extends ThreeHostTestbed {

  @Test
  void replicasOfACrashedHostComeBackOnTheOthers() {
    deploySleepers(api(2));

    long crashed = System.nanoTime();
    testbed.crash(host(3));
    List<PodView> pods = Poll.until("6 serving pods on h1 and h2", SETTLE_LIMIT, () -> serving(api(1)),
        p -> p.size() == Sleepers.REPLICAS && p.stream().noneMatch(pod -> pod.node().equals("h3")));
    figure("crash-converge %d pods on h1+h2 in %s after h3 crashed (%s)", pods.size(), since(crashed), spread(pods));

    List<PodView> settled = Poll.stable("exactly 6 serving pods, none left on h3", SETTLE_LIMIT,
        java.time.Duration.ofSeconds(3), () -> api(2).pods(Sleepers.NAMESPACE, Sleepers.SELECTOR),
        p -> p.size() == Sleepers.REPLICAS && p.stream().allMatch(PodView::serving));
    figure("crash-settled %d pod objects in %s (%s)", settled.size(), since(crashed), spread(settled));
    assertTrue(settled.stream().noneMatch(p -> p.node().equals("h3")), "no pod left on h3: " + settled);
    assertEquals(Sleepers.REPLICAS, appContainers(host(1)) + appContainers(host(2)), "app containers on h1+h2");

    // The host comes back (engine, then agent): it must not bring its old replicas back to life.
    long restarted = System.nanoTime();
    testbed.restart(host(3));
    figure("crash-rejoin h3 ready %s after restart", since(restarted));
    List<PodView> after = Poll.stable("still exactly 6 serving pods, h3's engine without app containers",
        SETTLE_LIMIT, java.time.Duration.ofSeconds(3), () -> api(3).pods(Sleepers.NAMESPACE, Sleepers.SELECTOR),
        p -> p.size() == Sleepers.REPLICAS && p.stream().allMatch(PodView::serving) && appContainers(host(3)) == 0);
    figure("crash-rejoin settled %s after restart (%s)", since(restarted), spread(after));
  }
}
