package dev.shoal.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** CPU rates over the window from counter readings. */
class UsageWindowTest {

  @Test
  void oneReadingHasNoRateTwoGiveIt() {
    UsageWindow w = new UsageWindow(1000);
    w.add(10_000, 5_000_000_000L);
    assertFalse(w.hasRate());
    assertEquals(0, w.nanoCores());
    w.add(11_000, 5_500_000_000L); // half a core for a second
    assertTrue(w.hasRate());
    assertEquals(500_000_000L, w.nanoCores());
    assertEquals(1000, w.coveredMillis());
  }

  @Test
  void theRateCoversTheWindowNotMore() {
    UsageWindow w = new UsageWindow(3000);
    long cpu = 0;
    for (int s = 0; s <= 10; s++) {
      cpu += s < 8 ? 0 : 1_000_000_000L; // idle, then one full core from s=8
      w.add(s * 1000L, cpu);
    }
    // readings at 7..10 s kept: 3 s, of which 3 busy
    assertEquals(3000, w.coveredMillis());
    assertEquals(1_000_000_000L, w.nanoCores());
  }

  @Test
  void aCounterThatWentBackStartsAgain() {
    UsageWindow w = new UsageWindow(1000);
    w.add(0, 9_000_000_000L);
    w.add(1000, 10_000_000_000L);
    w.add(2000, 100_000_000L); // restarted container, new cgroup
    assertFalse(w.hasRate());
    w.add(3000, 350_000_000L);
    assertEquals(250_000_000L, w.nanoCores());
  }

  @Test
  void uneven_intervals_give_the_mean_rate() {
    UsageWindow w = new UsageWindow(1000);
    w.add(0, 0);
    w.add(1500, 1_500_000_000L); // a late tick: one core over 1.5 s
    assertEquals(1_000_000_000L, w.nanoCores());
    assertEquals(1500, w.coveredMillis());
  }
}
