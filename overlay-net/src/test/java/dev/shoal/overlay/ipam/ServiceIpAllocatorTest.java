package dev.shoal.overlay.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceIpAllocatorTest {

  private final ServiceIpAllocator alloc = ServiceIpAllocator.defaults();

  @Test
  void skipsNetworkAndApiAddress() {
    assertEquals("10.96.0.1", alloc.apiServiceIp());
    assertEquals("10.96.0.2", alloc.next(List.of()).orElseThrow());
    assertEquals(
        "10.96.0.4",
        alloc.next(List.of("10.96.0.2", "10.96.0.3", "junk", "192.168.0.1")).orElseThrow());
  }

  @Test
  void requestedFreeAddressIsGranted() {
    assertEquals("10.100.0.10", alloc.request(Set.of("10.96.0.2"), "10.100.0.10").orElseThrow());
    assertEquals("10.96.0.1", alloc.request(Set.of(), "10.96.0.1").orElseThrow());
    assertEquals("10.96.0.2", alloc.allocate(Set.of(), "").orElseThrow());
  }

  @ParameterizedTest(name = "{0} refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.95.255.255 | out of range",
        "10.112.0.0    | out of range",
        "10.96.0.0     | network address",
        "10.111.255.255| broadcast address",
        "10.96.0.5     | already allocated",
        "10.96.0       | not a valid IPv4 address",
      })
  void refusals(String requested, String reasonPart) {
    Allocation.Refused<String> r =
        alloc.request(Set.of("10.96.0.5"), requested).refusal().orElseThrow();
    assertEquals("spec.clusterIP", r.field());
    assertTrue(r.reason().contains(reasonPart), r.reason());
  }

  @Test
  void exhaustion() {
    ServiceIpAllocator small = new ServiceIpAllocator(Cidr.of("198.19.0.0/29"));
    List<String> used =
        List.of("198.19.0.2", "198.19.0.3", "198.19.0.4", "198.19.0.5", "198.19.0.6");
    Allocation.Refused<String> r = small.next(used).refusal().orElseThrow();
    assertTrue(r.reason().contains("exhausted"), r.reason());
  }
}
