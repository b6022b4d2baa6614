package dev.shoal.overlay.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

  @ParameterizedTest(name = "{0} parses to {1}")
  @CsvSource({
    "10.244.0.0/16, 10.244.0.0/16",
    "' 10.96.0.0/12 ', 10.96.0.0/12",
    "0.0.0.0/0, 0.0.0.0/0",
    "192.0.2.7/32, 192.0.2.7/32",
    "255.255.255.0/24, 255.255.255.0/24",
  })
  void parsesValid(String text, String expected) {
    assertEquals(expected, Cidr.parse(text).orElseThrow().toString());
  }

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "10.244.0.0      | has no prefix length",
        "10.244.0/16     | is not an IPv4 address",
        "10.244.0.256/16 | is not an IPv4 address",
        "10.244.00.0/16  | is not an IPv4 address",
        "a.b.c.d/8       | is not an IPv4 address",
        "10.0.0.0/33     | larger than 32",
        "10.0.0.0/x      | is not a prefix length",
        "10.0.0.0/       | is not a prefix length",
        "10.244.1.5/16   | did you mean 10.244.0.0/16?",
      })
  void refusesInvalid(String text, String reasonPart) {
    Allocation<Cidr> parsed = Cidr.parse("podCidr", text);
    Allocation.Refused<Cidr> refused = parsed.refusal().orElseThrow();
    assertEquals("podCidr", refused.field());
    assertTrue(refused.reason().contains(reasonPart), refused.reason());
  }

  @Test
  void blankIsRefused() {
    assertFalse(Cidr.parse("x", "  ").isGranted());
    assertFalse(Cidr.parse("x", null).isGranted());
  }

  @Test
  void networkBroadcastAndSize() {
    Cidr c = Cidr.of("10.96.0.0/12");
    assertEquals("10.96.0.0", c.networkText());
    assertEquals("10.111.255.255", Ipv4.format(c.broadcast()));
    assertEquals(1L << 20, c.size());
    assertEquals("10.96.0.1", c.nthText(1));
    assertEquals("10.111.255.254", c.nthText(c.size() - 2));
    assertThrows(IndexOutOfBoundsException.class, () -> c.nth(c.size()));
  }

  @Test
  void highAddressesCompareUnsigned() {
    Cidr high = Cidr.of("200.0.0.0/8");
    Cidr low = Cidr.of("10.0.0.0/8");
    assertTrue(high.compareTo(low) > 0);
    assertEquals("200.255.255.255", Ipv4.format(high.broadcast()));
    assertEquals(255L * 65536 + 1, high.indexOf(Ipv4.of("200.255.0.1")));
  }

  @Test
  void containment() {
    Cidr c = Cidr.of("10.244.0.0/16");
    assertTrue(c.contains("10.244.255.1"));
    assertFalse(c.contains("10.245.0.0"));
    assertFalse(c.contains("not an ip"));
    assertTrue(c.contains(Cidr.of("10.244.3.0/24")));
    assertFalse(c.contains(Cidr.of("10.0.0.0/8")));
    assertTrue(c.overlaps(Cidr.of("10.0.0.0/8")));
    assertFalse(c.overlaps(Cidr.of("10.245.0.0/16")));
    assertTrue(Cidr.of("0.0.0.0/0").contains("255.255.255.255"));
  }

  @Test
  void splitsIntoSubnets() {
    List<Cidr> parts = Cidr.of("10.244.0.0/22").split(24);
    assertEquals(
        List.of(
            Cidr.of("10.244.0.0/24"),
            Cidr.of("10.244.1.0/24"),
            Cidr.of("10.244.2.0/24"),
            Cidr.of("10.244.3.0/24")),
        parts);
    assertEquals(256, Cidr.of("10.244.0.0/16").subnetCount(24));
    assertEquals(Cidr.of("10.244.255.0/24"), Cidr.of("10.244.0.0/16").subnet(24, 255));
    assertThrows(IllegalArgumentException.class, () -> Cidr.of("10.0.0.0/8").split(32));
    assertThrows(IllegalArgumentException.class, () -> Cidr.of("10.0.0.0/16").split(8));
  }

  @Test
  void constructorRejectsHostBits() {
    assertThrows(IllegalArgumentException.class, () -> new Cidr(Ipv4.of("10.0.0.1"), 24));
  }
}
