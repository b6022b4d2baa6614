package dev.shoal.overlay.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubnetAllocatorTest {

  private final SubnetAllocator defaults = SubnetAllocator.defaults();

  @Test
  void firstNodeGetsLowestSubnet() {
    SubnetAssignments s = defaults.allocate(SubnetAssignments.EMPTY, "node-a").orElseThrow();
    assertEquals(Cidr.of("10.244.0.0/24"), s.subnetOf("node-a").orElseThrow());
  }

  @Test
  void allocationIsIdempotentPerNode() {
    SubnetAssignments s = defaults.allocate(SubnetAssignments.EMPTY, "node-a").orElseThrow();
    assertSame(s, defaults.allocate(s, "node-a").orElseThrow());
  }

  @Test
  void picksLowestFreeAndReusesReleased() {
    SubnetAssignments s = SubnetAssignments.EMPTY;
    for (String n : new String[] {"a", "b", "c"}) {
      s = defaults.allocate(s, n).orElseThrow();
    }
    assertEquals(Cidr.of("10.244.2.0/24"), s.subnetOf("c").orElseThrow());
    s = defaults.release(s, "b");
    s = defaults.allocate(s, "d").orElseThrow();
    assertEquals(Cidr.of("10.244.1.0/24"), s.subnetOf("d").orElseThrow());
  }

  @Test
  void deterministicRegardlessOfInsertionOrder() {
    SubnetAssignments one =
        SubnetAssignments.EMPTY
            .with("x", Cidr.of("10.244.0.0/24"))
            .with("y", Cidr.of("10.244.2.0/24"));
    SubnetAssignments two =
        SubnetAssignments.EMPTY
            .with("y", Cidr.of("10.244.2.0/24"))
            .with("x", Cidr.of("10.244.0.0/24"));
    assertEquals(defaults.allocate(one, "z"), defaults.allocate(two, "z"));
    assertEquals(
        Cidr.of("10.244.1.0/24"),
        defaults.allocate(one, "z").orElseThrow().subnetOf("z").orElseThrow());
  }

  @Test
  void reportsExhaustion() {
    SubnetAllocator tiny = SubnetAllocator.of("198.18.0.0/23", 24).orElseThrow();
    SubnetAssignments s = tiny.allocate(SubnetAssignments.EMPTY, "a").orElseThrow();
    s = tiny.allocate(s, "b").orElseThrow();
    Allocation.Refused<SubnetAssignments> r = tiny.allocate(s, "c").refusal().orElseThrow();
    assertEquals("podCidr", r.field());
    assertTrue(r.reason().contains("all 2 /24 subnets of 198.18.0.0/23 are assigned"), r.reason());
  }

  @Test
  void nodeHoldingForeignSubnetIsMovedInside() {
    SubnetAssignments s = SubnetAssignments.EMPTY.with("a", Cidr.of("192.168.0.0/24"));
    SubnetAssignments next = defaults.allocate(s, "a").orElseThrow();
    assertEquals(Cidr.of("10.244.0.0/24"), next.subnetOf("a").orElseThrow());
  }

  @Test
  void skipsSubnetsOverlappingOddAssignments() {
    SubnetAssignments s = SubnetAssignments.EMPTY.with("big", Cidr.of("10.244.0.0/23"));
    SubnetAssignments next = defaults.allocate(s, "n").orElseThrow();
    assertEquals(Cidr.of("10.244.2.0/24"), next.subnetOf("n").orElseThrow());
  }

  @Test
  void roundTripsThroughText() {
    SubnetAssignments s = SubnetAssignments.fromText(Map.of("a", "10.244.7.0/24")).orElseThrow();
    assertEquals(Map.of("a", "10.244.7.0/24"), s.toText());
    Allocation.Refused<SubnetAssignments> r =
        SubnetAssignments.fromText(Map.of("a", "10.244.7.1/24")).refusal().orElseThrow();
    assertEquals("subnets[a]", r.field());
  }

  @Test
  void refusesNodePrefixThatDoesNotFit() {
    Allocation.Refused<SubnetAllocator> r =
        SubnetAllocator.of("10.244.0.0/16", 8).refusal().orElseThrow();
    assertEquals("nodeSubnetPrefix", r.field());
    assertEquals("podCidr", SubnetAllocator.of("10.244/16", 24).refusal().orElseThrow().field());
  }
}
