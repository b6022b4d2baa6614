package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A host cut off the underlay for 30 s and then healed: no object is lost (neither the ones from
 * before nor a write the majority took during the cut), and the replicas settle at exactly six.
 */
class PartitionTest extends ThreeHostTestbed {
  private static final Duration CUT = Duration.ofSeconds(30);

  @Test
  void aHostCutFor30SecondsLosesNothingAndReplicasSettleAtSix() throws InterruptedException {
    deploySleepers(api(2));
    Map<String, String> before = objects(api(2));

    long cut = System.nanoTime();
    testbed.cut(host(1));
    // The majority keeps taking writes; this one must survive the merge after healing.
    Poll.until(
        "the majority (h2) to take a write",
        CUT,
        () -> api(2).apply(Sleepers.extraService("during-cut")),
        result -> true);
    figure("partition-write accepted by h2 %s after the cut", since(cut));
    Duration left = CUT.minusNanos(System.nanoTime() - cut);
    try {
      List<PodView> moved =
          Poll.until(
              "6 serving pods on h2 and h3",
              left,
              () -> serving(api(2)),
              p ->
                  p.size() == Sleepers.REPLICAS
                      && p.stream().noneMatch(pod -> pod.node().equals("h1")));
      figure(
          "partition-failover %d pods on h2+h3 %s after the cut (%s)",
          moved.size(), since(cut), spread(moved));
    } catch (AssertionError e) {
      figure("partition-failover h1's pods not replaced within the %d s cut", CUT.toSeconds());
    }
    long rest = CUT.toMillis() - (System.nanoTime() - cut) / 1_000_000;
    if (rest > 0) {
      Thread.sleep(rest); // the fault lasts a fixed time: nothing to poll for
    }
    testbed.heal(host(1));
    long healed = System.nanoTime();

    List<PodView> pods =
        Poll.stable(
                "exactly 6 serving pods seen alike by all hosts, 6 containers",
                SETTLE_LIMIT,
                Duration.ofSeconds(5),
                this::observe,
                o ->
                    o.agreed()
                        && o.pods().size() == Sleepers.REPLICAS
                        && o.pods().stream().allMatch(PodView::serving)
                        && o.containers() == Sleepers.REPLICAS)
            .pods();
    figure(
        "partition-settle %d pods in %s after healing (%s)",
        pods.size(), since(healed), spread(pods));

    for (ShoalApi api : apis) {
      Map<String, String> after = objects(api);
      for (Map.Entry<String, String> object : before.entrySet()) {
        assertEquals(
            object.getValue(),
            after.get(object.getKey()),
            object.getKey() + " as " + api.host().name() + " sees it");
      }
      assertTrue(
          after.containsKey("Service during-cut"),
          "the write made during the cut, on " + api.host().name());
    }
    figure("partition-objects %d kept, write during cut kept", before.size());
  }

  private Observation observe() {
    Map<String, List<String>> views = new java.util.TreeMap<>();
    for (ShoalApi api : apis) {
      views.put(
          api.host().name(),
          api.pods(Sleepers.NAMESPACE, Sleepers.SELECTOR).stream()
              .map(p -> p.name() + "@" + p.node() + (p.serving() ? "" : "(" + p.phase() + ")"))
              .sorted()
              .toList());
    }
    List<PodView> pods = api(2).pods(Sleepers.NAMESPACE, Sleepers.SELECTOR);
    int containers = hosts.stream().mapToInt(ThreeHostTestbed::appContainers).sum();
    return new Observation(
        pods, views.values().stream().distinct().count() == 1, containers, views);
  }

  /**
   * The pods as h2 lists them, whether all hosts list the same pods, app containers across the
   * engines, and each host's list (for the failure message).
   */
  private record Observation(
      List<PodView> pods, boolean agreed, int containers, Map<String, List<String>> views) {
    @Override
    public String toString() {
      return "pods per host " + views + ", app containers " + containers;
    }
  }
}
