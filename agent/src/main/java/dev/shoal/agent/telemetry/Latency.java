package dev.shoal.agent.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;

/** Records how long something took into a latency histogram of {@link AgentMeters}. */
public final class Latency {

  private Latency() {}

  /**
   * Records the time since {@code startedNanos} ({@link System#nanoTime()}) into the histogram
   * {@code name} with {@code tags} (key, value pairs); nothing when {@code registry} is null (a
   * component nobody meters).
   */
  public static void since(
      MeterRegistry registry, long startedNanos, String name, String description, String... tags) {
    if (registry != null) {
      AgentMeters.latency(registry, name, description, tags)
          .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
  }
}
