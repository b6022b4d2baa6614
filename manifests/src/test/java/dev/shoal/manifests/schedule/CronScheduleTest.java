package dev.shoal.manifests.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.Result;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The five-field schedule and descriptors as robfig/cron reads them, evaluated in time zones (with
 * DST).
 */
class CronScheduleTest {

  @ParameterizedTest(name = "{0}: after {1} in {2} comes {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      * * * * *          | 2026-03-01T10:00:30Z | UTC              | 2026-03-01T10:01:00Z
      * * * * *          | 2026-03-01T10:00:00Z | UTC              | 2026-03-01T10:01:00Z
      */15 * * * *       | 2026-03-01T10:16:00Z | UTC              | 2026-03-01T10:30:00Z
      5/20 * * * *       | 2026-03-01T10:26:00Z | UTC              | 2026-03-01T10:45:00Z
      0 9-17/4 * * *     | 2026-03-01T13:00:00Z | UTC              | 2026-03-01T17:00:00Z
      0,30 8 * * *       | 2026-03-01T08:10:00Z | UTC              | 2026-03-01T08:30:00Z
      0 0 * * MON-FRI    | 2026-03-06T12:00:00Z | UTC              | 2026-03-09T00:00:00Z
      0 0 * * sun        | 2026-03-02T00:00:00Z | UTC              | 2026-03-08T00:00:00Z
      0 0 1 JAN,jul *    | 2026-03-01T00:00:00Z | UTC              | 2026-07-01T00:00:00Z
      0 0 13 * 5         | 2026-03-01T00:00:00Z | UTC              | 2026-03-06T00:00:00Z
      0 0 13 * *         | 2026-03-01T00:00:00Z | UTC              | 2026-03-13T00:00:00Z
      0 0 ? * 5          | 2026-03-01T00:00:00Z | UTC              | 2026-03-06T00:00:00Z
      0 0 29 2 *         | 2026-03-01T00:00:00Z | UTC              | 2028-02-29T00:00:00Z
      @hourly            | 2026-03-01T10:59:59Z | UTC              | 2026-03-01T11:00:00Z
      @daily             | 2026-03-01T10:00:00Z | UTC              | 2026-03-02T00:00:00Z
      @weekly            | 2026-03-01T10:00:00Z | UTC              | 2026-03-08T00:00:00Z
      @monthly           | 2026-03-01T10:00:00Z | UTC              | 2026-04-01T00:00:00Z
      @yearly            | 2026-03-01T10:00:00Z | UTC              | 2027-01-01T00:00:00Z
      0 9 * * *          | 2026-03-01T10:00:00Z | Europe/Berlin    | 2026-03-02T08:00:00Z
      0 9 * * *          | 2026-07-01T10:00:00Z | Europe/Berlin    | 2026-07-02T07:00:00Z
      30 2 * * *         | 2026-03-06T12:00:00Z | America/New_York | 2026-03-07T07:30:00Z
      30 2 * * *         | 2026-03-08T00:00:00Z | America/New_York | 2026-03-09T06:30:00Z
      0 3 * * *          | 2026-03-08T00:00:00Z | America/New_York | 2026-03-08T07:00:00Z
      30 1 * * *         | 2026-11-01T05:00:00Z | America/New_York | 2026-11-01T05:30:00Z
      30 1 * * *         | 2026-11-01T05:30:00Z | America/New_York | 2026-11-01T06:30:00Z
      0 0 * * *          | 2026-03-28T23:30:00Z | Europe/London    | 2026-03-29T00:00:00Z
      0 0 * * *          | 2026-03-29T00:00:00Z | Europe/London    | 2026-03-29T23:00:00Z
      """)
  void nextTime(String schedule, String after, String zone, String expected) {
    CronSchedule parsed = CronSchedule.parse(schedule).value();
    assertEquals(
        Optional.of(Instant.parse(expected)), parsed.next(Instant.parse(after), ZoneId.of(zone)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      ''                 | empty schedule
      * * * *            | expected exactly 5 fields, found 4: * * * *
      * * * * * *        | expected exactly 5 fields, found 6: * * * * * *
      60 * * * *         | minute "60" is beyond 0-59
      * 24 * * *         | hour "24" is beyond 0-23
      * * 0 * *          | day of month "0" is beyond 1-31
      * * * 13 *         | month "13" is beyond 1-12
      * * * * 7          | day of week "7" is beyond 0-6
      * * * FOO *        | "FOO" is not a valid month
      5-1 * * * *        | minute range "5-1" starts after it ends
      */0 * * * *        | step of minute field must be positive: "*/0"
      1-2-3 * * * *      | too many hyphens in minute field: "1-2-3"
      1,,2 * * * *       | empty list element in minute field "1,,2"
      @every 5m          | unrecognized descriptor: @every 5m
      @fortnightly       | unrecognized descriptor: @fortnightly
      TZ=UTC * * * * *   | cannot use TZ or CRON_TZ in schedule, use timeZone field instead
      CRON_TZ=UTC 0 * * * * | cannot use TZ or CRON_TZ in schedule, use timeZone field instead
      """)
  void refusedSchedules(String schedule, String message) {
    Result<CronSchedule> parsed = CronSchedule.parse(schedule);
    assertFalse(parsed.isOk(), schedule);
    assertEquals(message, parsed.error());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"UTC", "Etc/UTC", "America/New_York", "Asia/Kolkata", "Europe/Berlin"})
  void knownZones(String zone) {
    assertTrue(CronSchedule.zone(zone).isOk());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Mars/Olympus", "'+01:00'", "''", "'Europe /Berlin'", "local"})
  void unknownZones(String zone) {
    assertFalse(CronSchedule.zone(zone).isOk());
  }

  @org.junit.jupiter.api.Test
  void everyHalfHourKeepsFiringThroughTheRepeatedHourOfFallBack() {
    CronSchedule schedule = CronSchedule.parse("*/30 * * * *").value();
    ZoneId newYork = ZoneId.of("America/New_York");
    List<Instant> times = new ArrayList<>();
    Instant t = Instant.parse("2026-11-01T04:45:00Z"); // 00:45 EDT
    for (int i = 0; i < 6; i++) {
      t = schedule.next(t, newYork).orElseThrow();
      times.add(t);
    }
    // 01:00 EDT, 01:30 EDT, 01:00 EST, 01:30 EST, 02:00 EST, 02:30 EST: half an hour apart on the
    // real clock.
    assertEquals(
        List.of(
            Instant.parse("2026-11-01T05:00:00Z"),
            Instant.parse("2026-11-01T05:30:00Z"),
            Instant.parse("2026-11-01T06:00:00Z"),
            Instant.parse("2026-11-01T06:30:00Z"),
            Instant.parse("2026-11-01T07:00:00Z"),
            Instant.parse("2026-11-01T07:30:00Z")),
        times);
  }

  @org.junit.jupiter.api.Test
  void aDateThatNeverComesHasNoNextTime() {
    assertEquals(
        Optional.empty(),
        CronSchedule.parse("0 0 30 2 *")
            .value()
            .next(Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC")));
  }
}
