package dev.shoal.overlay.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodIpAllocatorTest {

  private final PodIpAllocator pods = new PodIpAllocator(Cidr.of("10.244.3.0/24"));

  @Test
  void gatewayIsFirstHost() {
    assertEquals("10.244.3.1", pods.gateway());
    assertEquals("10.244.3.1/24", pods.gatewayWithPrefix());
    assertEquals(253, pods.capacity());
  }

  @Test
  void podsGetLowestFreeAfterGateway() {
    assertEquals("10.244.3.2", pods.next(List.of()).orElseThrow());
    assertEquals("10.244.3.3", pods.next(List.of("10.244.3.2")).orElseThrow());
    assertEquals("10.244.3.2", pods.next(List.of("10.244.3.3")).orElseThrow());
    assertTrue(pods.isPodAddress("10.244.3.254"));
    assertFalse(pods.isPodAddress("10.244.3.255"));
    assertFalse(pods.isPodAddress("10.244.3.1"));
  }

  @Test
  void fullSubnetIsRefused() {
    List<String> used = new ArrayList<>();
    for (int i = 2; i <= 254; i++) {
      used.add("10.244.3." + i);
    }
    Allocation.Refused<String> r = pods.next(used).refusal().orElseThrow();
    assertTrue(r.reason().contains("full"), r.reason());
  }
}
