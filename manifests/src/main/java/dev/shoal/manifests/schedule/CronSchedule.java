package dev.shoal.manifests.schedule;

import dev.shoal.manifests.Result;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed cron schedule: minute, hour, day of month, month, day of week, or one of the descriptors
 * {@code @yearly}/{@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}/{@code @midnight}, {@code @hourly}. As cron, when both day fields are restricted a
 * day matches either; when one is {@code *} both must match.
 *
 * <p>Times are wall-clock times of the zone: a time that a spring-forward transition skips does not
 * occur that day, and one that a fall-back transition repeats matches at both instants
 * (robfig/cron, which Kubernetes uses, walks time the same way).
 */
public final class CronSchedule {

  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly",
          "0 0 1 1 *",
          "@annually",
          "0 0 1 1 *",
          "@monthly",
          "0 0 1 * *",
          "@weekly",
          "0 0 * * 0",
          "@daily",
          "0 0 * * *",
          "@midnight",
          "0 0 * * *",
          "@hourly",
          "0 * * * *");

  /**
   * How far ahead {@link #next} looks before deciding a schedule never fires (e.g. 30 February).
   */
  private static final int SEARCH_YEARS = 8;

  private final String text;
  private final CronField minute;
  private final CronField hour;
  private final CronField dayOfMonth;
  private final CronField month;
  private final CronField dayOfWeek;

  private CronSchedule(
      String text,
      CronField minute,
      CronField hour,
      CronField dayOfMonth,
      CronField month,
      CronField dayOfWeek) {
    this.text = text;
    this.minute = minute;
    this.hour = hour;
    this.dayOfMonth = dayOfMonth;
    this.month = month;
    this.dayOfWeek = dayOfWeek;
  }

  /** Parses a schedule; the error says which field is wrong and why. */
  public static Result<CronSchedule> parse(String text) {
    if (text == null || text.isBlank()) {
      return Result.err("empty schedule");
    }
    String trimmed = text.trim();
    if (trimmed.startsWith("TZ=") || trimmed.startsWith("CRON_TZ=")) {
      return Result.err("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
    }
    String fields = trimmed;
    if (trimmed.startsWith("@")) {
      fields = DESCRIPTORS.get(trimmed.toLowerCase(java.util.Locale.ROOT));
      if (fields == null) {
        return Result.err("unrecognized descriptor: " + trimmed);
      }
    }
    String[] parts = fields.split("\\s+");
    if (parts.length != 5) {
      return Result.err("expected exactly 5 fields, found " + parts.length + ": " + trimmed);
    }
    CronField.Bounds[] bounds = {
      CronField.MINUTE,
      CronField.HOUR,
      CronField.DAY_OF_MONTH,
      CronField.MONTH,
      CronField.DAY_OF_WEEK
    };
    CronField[] parsed = new CronField[5];
    for (int i = 0; i < 5; i++) {
      Result<CronField> field = CronField.parse(parts[i], bounds[i]);
      if (!field.isOk()) {
        return Result.err(field.error());
      }
      parsed[i] = field.value();
    }
    return Result.ok(
        new CronSchedule(trimmed, parsed[0], parsed[1], parsed[2], parsed[3], parsed[4]));
  }

  /** A time zone by IANA name (as {@code spec.timeZone}); UTC when null. */
  public static Result<ZoneId> zone(String name) {
    if (name == null) {
      return Result.ok(ZoneId.of("UTC"));
    }
    if (name.isEmpty() || name.startsWith("+") || name.startsWith("-") || name.contains(" ")) {
      return Result.err("unknown time zone " + name);
    }
    try {
      return Result.ok(ZoneId.of(name));
    } catch (DateTimeException e) {
      return Result.err("unknown time zone " + name);
    }
  }

  /**
   * The first scheduled time strictly after {@code after}, in {@code zone}; empty if none within
   * years.
   */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    int lastYear = t.getYear() + SEARCH_YEARS;
    while (t.getYear() <= lastYear) {
      if (!month.allows(t.getMonthValue())) {
        t = LocalDate.of(t.getYear(), t.getMonthValue(), 1).plusMonths(1).atStartOfDay(zone);
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay(zone);
      } else if (!hour.allows(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minute.allows(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return Optional.of(t.toInstant());
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate date) {
    boolean dom = dayOfMonth.allows(date.getDayOfMonth());
    boolean dow = dayOfWeek.allows(date.getDayOfWeek().getValue() % 7);
    return dayOfMonth.star() || dayOfWeek.star() ? dom && dow : dom || dow;
  }

  @Override
  public String toString() {
    return text;
  }
}
