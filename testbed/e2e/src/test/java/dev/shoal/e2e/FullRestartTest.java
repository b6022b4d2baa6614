package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Every agent killed, then all started again: every object is still there and the pods still run.
 */
class FullRestartTest extends ThreeHostTestbed {

  @Test
  void objectsAndPodsSurviveKillingEveryAgent() {
    List<PodView> podsBefore = deploySleepers(api(2));
    Map<String, String> before = objects(api(2));

    for (Host host : hosts) {
      testbed.kill(host);
    }
    long restart = System.nanoTime();
    // All at once: a member alone may not be ready before the others are back.
    CompletableFuture.allOf(
            hosts.stream()
                .map(host -> CompletableFuture.runAsync(() -> testbed.restart(host)))
                .toArray(CompletableFuture[]::new))
        .join();
    figure("restart-ready 3 agents answer /readyz %s after restarting", since(restart));

    List<PodView> podsAfter =
        Poll.until(
            "the 6 pods from before, serving",
            SETTLE_LIMIT,
            () -> serving(api(1)),
            p -> p.size() == Sleepers.REPLICAS);
    figure(
        "restart-serving %d pods %s after restarting (%s)",
        podsAfter.size(), since(restart), spread(podsAfter));

    assertEquals(uids(podsBefore), uids(podsAfter), "the same pod objects before and after");
    for (ShoalApi api : apis) {
      assertEquals(before, objects(api), "objects as " + api.host().name() + " sees them");
    }
    int containers = hosts.stream().mapToInt(ThreeHostTestbed::appContainers).sum();
    assertEquals(Sleepers.REPLICAS, containers, "app containers across the engines");
    figure(
        "restart-objects %d kept, %d pods kept, restarts %d",
        before.size(), podsAfter.size(), podsAfter.stream().mapToInt(PodView::restarts).sum());
  }

  private static List<String> uids(List<PodView> pods) {
    return pods.stream().map(PodView::uid).sorted().toList();
  }
}
