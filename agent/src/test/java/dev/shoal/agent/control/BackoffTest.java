package dev.shoal.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void delaysDoubleUpToTheCapAndStayThere() {
    List<Long> delays =
        IntStream.rangeClosed(1, 7).mapToObj(n -> BACKOFF.delay(n).toMillis()).toList();
    assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L), delays);
    assertEquals(
        Duration.ofSeconds(1), BACKOFF.delay(Integer.MAX_VALUE), "no overflow after many failures");
    assertEquals(Duration.ofMillis(100), BACKOFF.delay(0));
  }

  @Test
  void jitterOnlyShortensAndStaysWithinItsFraction() {
    Backoff jittered = BACKOFF.withJitter(0.2);
    assertEquals(Duration.ofMillis(400), jittered.delay(3, () -> 0.0));
    assertEquals(Duration.ofMillis(320), jittered.delay(3, () -> 1.0));
    for (int i = 0; i < 1_000; i++) {
      long millis = jittered.delay(9).toMillis();
      assertTrue(millis >= 800 && millis <= 1000, "jittered delay " + millis);
    }
  }

  @Test
  void retryCountsFailuresInARowAndStartsOverOnSuccess() {
    Retry retry = new Retry(BACKOFF);
    assertEquals(Duration.ofMillis(100), retry.failed());
    assertEquals(Duration.ofMillis(200), retry.failed());
    assertEquals(Duration.ofMillis(400), retry.failed());
    assertEquals(3, retry.failures());
    retry.succeeded();
    assertEquals(0, retry.failures());
    assertEquals(Duration.ofMillis(100), retry.failed(), "reset on success");
  }

  @Test
  void retriesKeepOneCountPerKey() {
    Retries<String> retries = new Retries<>(BACKOFF);
    retries.failed("a");
    retries.failed("a");
    assertEquals(Duration.ofMillis(100), retries.failed("b"));
    assertEquals(Duration.ofMillis(400), retries.failed("a"));
    retries.succeeded("a");
    assertEquals(0, retries.failures("a"));
    assertEquals(1, retries.failures("b"));
  }

  @Test
  void refusesNonsense() {
    assertThrows(
        IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> BACKOFF.withJitter(1.5));
  }
}
