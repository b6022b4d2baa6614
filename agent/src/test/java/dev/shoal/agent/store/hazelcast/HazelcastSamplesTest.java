package dev.shoal.agent.store.hazelcast;

import static dev.shoal.agent.cluster.TestCluster.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.cluster.HazelcastMember;
import dev.shoal.agent.cluster.TestCluster;
import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.metrics.ContainerUsage;
import dev.shoal.agent.metrics.NodeSample;
import dev.shoal.agent.metrics.PodSample;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The metrics share on a real two-member cluster: each member's sample read whole on the other,
 * replaced by the next, and gone after its time to live when its node stops sampling.
 */
class HazelcastSamplesTest {
  private static Vertx vertx;
  private static List<HazelcastMember> members;

  @BeforeAll
  static void startMembers() throws Exception {
    vertx = Vertx.vertx();
    members = new TestCluster(2).startAll(vertx);
  }

  @AfterAll
  static void stopMembers() throws Exception {
    members.forEach(HazelcastMember::terminate);
    await(vertx.close());
  }

  private static NodeSample sample(String node, long at, long nanoCores) {
    return new NodeSample(
        node,
        at,
        1000,
        2_000_000_000L,
        1L << 30,
        List.of(
            new PodSample(
                "shop",
                "web-" + node,
                at,
                1000,
                List.of(
                    new ContainerUsage("app", nanoCores, 745_472L),
                    new ContainerUsage("log", 5000, 4096)))));
  }

  private static List<NodeSample> sorted(List<NodeSample> samples) {
    return samples.stream().sorted(Comparator.comparing(NodeSample::node)).toList();
  }

  @Test
  void samplesOfEveryNodeReadOnAnyReplacedAndExpired() throws Exception {
    String map = "test.metrics";
    HazelcastSamples a =
        new HazelcastSamples(vertx, members.get(0).instance(), map, Duration.ofSeconds(2));
    HazelcastSamples b =
        new HazelcastSamples(vertx, members.get(1).instance(), map, Duration.ofMinutes(5));
    try {
      await(a.publish(sample("node-a", 1000, 1)));
      await(b.publish(sample("node-b", 1000, 2)));
      assertEquals(
          List.of(sample("node-a", 1000, 1), sample("node-b", 1000, 2)), sorted(await(b.all())));
      await(b.publish(sample("node-b", 2000, 3)));
      assertEquals(
          List.of(sample("node-a", 1000, 1), sample("node-b", 2000, 3)), sorted(await(a.all())));
      // node-a stops sampling: its entry goes after its 2 s time to live; node-b's stays
      Eventually.check(
          () -> await(b.all()).equals(List.of(sample("node-b", 2000, 3))),
          Duration.ofSeconds(15),
          Duration.ofMillis(200),
          "node-a's sample expired");
    } finally {
      await(a.close());
      await(b.close());
    }
  }
}
