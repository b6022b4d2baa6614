package dev.shoal.dns.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Query ids and port choices: full 16-bit range, every value below a bound reachable, none favoured
 * much.
 */
class RandomBitsTest {

  @Test
  void idsCoverTheWholeRangeEvenly() {
    RandomBits bits = new RandomBits();
    int[] buckets = new int[16];
    for (int i = 0; i < 64_000; i++) {
      int id = bits.next16();
      assertTrue(id >= 0 && id <= 0xffff);
      buckets[id >> 12]++;
    }
    for (int count : buckets) {
      assertTrue(
          count > 3_400 && count < 4_600,
          "16 buckets of about 4,000: " + java.util.Arrays.toString(buckets));
    }
  }

  @Test
  void belowIsUniformAndRefusesBadBounds() {
    RandomBits bits = new RandomBits();
    int[] seen = new int[3];
    for (int i = 0; i < 30_000; i++) {
      seen[bits.below(3)]++;
    }
    for (int count : seen) {
      assertTrue(count > 9_300 && count < 10_700, java.util.Arrays.toString(seen));
    }
    assertEquals(0, bits.below(1));
    assertThrows(IllegalArgumentException.class, () -> bits.below(0));
    assertThrows(IllegalArgumentException.class, () -> bits.below(65_537));
  }
}
