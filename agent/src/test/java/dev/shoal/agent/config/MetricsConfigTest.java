package dev.shoal.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --metrics-interval} and {@code --metrics-window}. */
class MetricsConfigTest {

  private static MetricsConfig load(String... args) throws Exception {
    return ConfigLoader.load(List.of(args), Map.of()).metrics();
  }

  @Test
  void oneSecondByDefaultAndTheWindowFollowsTheInterval() throws Exception {
    assertEquals(new MetricsConfig(Duration.ofSeconds(1), Duration.ofSeconds(1)), load());
    assertEquals(
        new MetricsConfig(Duration.ofMillis(500), Duration.ofMillis(500)),
        load("--metrics-interval", "500ms"));
    assertEquals(
        new MetricsConfig(Duration.ofSeconds(1), Duration.ofMinutes(2)),
        load("--metrics-window=2m"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--metrics-interval, 1h, metrics-interval",
    "--metrics-interval, 10, metrics-interval",
    "--metrics-interval, 50ms, metrics-interval",
    "--metrics-window, 500ms, metrics-window",
    "--metrics-window, soon, metrics-window"
  })
  void badValuesNameTheFlag(String flag, String value, String named) {
    String message =
        assertThrows(ConfigLoader.ConfigException.class, () -> load(flag, value)).getMessage();
    assertTrue(message.contains("--" + named), message);
  }
}
