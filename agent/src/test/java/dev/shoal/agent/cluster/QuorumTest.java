package dev.shoal.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumTest {

  @Test
  void theSmallerSideOfAPartitionMayNotAct() {
    Quorum quorum = new Quorum(1);
    quorum.observe(1);
    assertTrue(quorum.allows(1), "a lone first member forms a cluster");
    quorum.observe(3);
    assertTrue(quorum.allows(2), "two of three");
    assertFalse(quorum.allows(1), "one of three");
    quorum.observe(4);
    assertFalse(quorum.allows(2), "two of four is no majority");
  }

  @Test
  void membersThatSayGoodbyeShrinkTheCount() {
    Quorum quorum = new Quorum(1);
    quorum.observe(3);
    quorum.departed(2);
    quorum.departed(1);
    assertTrue(quorum.allows(1));
    assertEquals(1, quorum.knownSize());
  }

  @Test
  void aConfiguredMinimumHoldsEvenAlone() {
    Quorum quorum = new Quorum(2);
    quorum.observe(1);
    assertFalse(quorum.allows(1));
  }

  @Test
  void joinSeedsDefaultTheirPort() {
    assertEquals(
        List.of("10.0.0.1:5701", "10.0.0.2:6000"),
        ClusterConfig.parseJoin(" 10.0.0.1, 10.0.0.2:6000,"));
    assertEquals(List.of(), ClusterConfig.parseJoin(null));
  }
}
