package dev.shoal.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The host's totals from /proc/stat and /proc/meminfo. */
class HostReaderTest {

  @Test
  void busyTicksAndWorkingSetFromTheFixture() throws Exception {
    try (HostReader reader = new HostReader(Fixtures.root().resolve("proc"))) {
      Reading r = reader.read(new Buffers());
      // cpu  86856 0 8297 66517 437 0 258 294: user+nice+system+irq+softirq+steal ticks of 10 ms
      assertEquals((86_856L + 8_297 + 258 + 294) * 10_000_000L, r.cpuNanos());
      // MemTotal - MemFree - Inactive(file), in kB
      assertEquals((24_683_664L - 22_380_276L - 342_128L) * 1024, r.workingSetBytes());
    }
  }
}
