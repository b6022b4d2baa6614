package dev.shoal.agent.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantities and windows as metrics-server writes them. */
class MetricsFormatTest {

  @ParameterizedTest(name = "{0} nanocores = {1}")
  @CsvSource({
    "0, 0",
    "123456789, 123456789n",
    "5000, 5u",
    "250000000, 250m",
    "1000000000, 1",
    "2000000000000, 2k"
  })
  void cpu(long nanoCores, String text) {
    assertEquals(text, MetricsFormat.cpu(nanoCores));
  }

  @ParameterizedTest(name = "{0} bytes = {1}")
  @CsvSource({"0, 0", "745472, 728Ki", "1048576, 1Mi", "1000, 1000", "104861696, 102404Ki"})
  void memory(long bytes, String text) {
    assertEquals(text, MetricsFormat.memory(bytes));
  }

  @ParameterizedTest(name = "{0} ms = {1}")
  @CsvSource({"0, 0s", "500, 500ms", "1000, 1s", "1005, 1.005s", "1500, 1.5s", "61000, 1m1s"})
  void window(long millis, String text) {
    assertEquals(text, MetricsFormat.window(millis));
  }
}
