package dev.shoal.agent.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lines as {@code ip monitor route neigh} (iproute2 6.x) printed them for a route and a neighbour.
 */
class KernelDeletionsTest {

  private static final List<String> OVERLAY = List.of("shoal-vx0");

  @Test
  void aDeletedRouteOrNeighbourOnTheDeviceCounts() {
    assertTrue(
        KernelDeletions.isDeletionOn(
            "Deleted 198.18.1.0/24 via 198.18.1.0 dev shoal-vx0 onlink ", OVERLAY));
    assertTrue(KernelDeletions.isDeletionOn("Deleted 198.18.1.0 dev shoal-vx0 FAILED ", OVERLAY));
    assertTrue(
        KernelDeletions.isDeletionOn(
            "[ROUTE]Deleted 198.18.1.0/24 dev shoal-vx0 scope link", OVERLAY));
  }

  @Test
  void additionsStateChangesAndOtherDevicesDoNot() {
    assertFalse(
        KernelDeletions.isDeletionOn(
            "198.18.1.0/24 via 198.18.1.0 dev shoal-vx0 onlink ", OVERLAY));
    assertFalse(KernelDeletions.isDeletionOn("198.18.1.0 dev shoal-vx0 FAILED ", OVERLAY));
    assertFalse(
        KernelDeletions.isDeletionOn(
            "Deleted 10.8.0.0/24 via 10.9.0.5 dev shoal-vx01 onlink", OVERLAY));
    assertFalse(
        KernelDeletions.isDeletionOn("Deleted 172.17.0.0/16 dev docker0 proto kernel", OVERLAY));
    assertFalse(KernelDeletions.isDeletionOn("Deleted broadcast 10.9.0.255 table local", OVERLAY));
  }
}
