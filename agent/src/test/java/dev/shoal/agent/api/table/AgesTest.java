package dev.shoal.agent.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upstream's {@code HumanDuration} cases, and the unknown and skewed-clock ones. */
class AgesTest {

  @ParameterizedTest(name = "{0} s is {1}")
  @CsvSource({
    "1, 1s",
    "70, 70s",
    "119, 119s",
    "120, 2m",
    "190, 3m10s",
    "599, 9m59s",
    "4200, 70m",
    "10800, 3h",
    "18240, 5h4m",
    "169200, 47h",
    "176400, 2d1h",
    "698400, 8d",
    "31708800, 367d",
    "63162000, 2y1d",
    "252295200, 8y",
    "-1, 0s",
    "-2, <invalid>"
  })
  void humanDurations(long seconds, String expected) {
    assertEquals(expected, Ages.human(Duration.ofSeconds(seconds)));
  }

  @Test
  void noTimestampIsUnknown() {
    assertEquals("<unknown>", Ages.since(null, Instant.EPOCH));
    assertEquals("5s", Ages.since(Instant.EPOCH, Instant.EPOCH.plusMillis(5900)));
  }
}
