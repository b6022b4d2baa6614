package dev.shoal.manifests.schedule;

import dev.shoal.manifests.Result;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * One field of a cron schedule as the set of values it allows: {@code *} or {@code ?}, {@code a},
 * {@code a-b}, any of those with {@code /step} ({@code a/step} means from a to the field's end),
 * and comma lists of them. Months and weekdays also take three-letter English names. {@code star}
 * records whether the field began with {@code *} or {@code ?}, which decides how day of month and
 * day of week combine.
 */
record CronField(BitSet values, boolean star) {

  /** The bounds and names of one field. */
  record Bounds(String name, int min, int max, Map<String, Integer> names) {}

  static final Bounds MINUTE = new Bounds("minute", 0, 59, Map.of());
  static final Bounds HOUR = new Bounds("hour", 0, 23, Map.of());
  static final Bounds DAY_OF_MONTH = new Bounds("day of month", 1, 31, Map.of());
  static final Bounds MONTH =
      new Bounds(
          "month",
          1,
          12,
          Map.ofEntries(
              Map.entry("jan", 1),
              Map.entry("feb", 2),
              Map.entry("mar", 3),
              Map.entry("apr", 4),
              Map.entry("may", 5),
              Map.entry("jun", 6),
              Map.entry("jul", 7),
              Map.entry("aug", 8),
              Map.entry("sep", 9),
              Map.entry("oct", 10),
              Map.entry("nov", 11),
              Map.entry("dec", 12)));
  static final Bounds DAY_OF_WEEK =
      new Bounds(
          "day of week",
          0,
          6,
          Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));

  boolean allows(int value) {
    return values.get(value);
  }

  static Result<CronField> parse(String text, Bounds bounds) {
    BitSet values = new BitSet(bounds.max() + 1);
    boolean star = false;
    for (String part : text.split(",", -1)) {
      if (part.isEmpty()) {
        return Result.err("empty list element in " + bounds.name() + " field \"" + text + "\"");
      }
      Result<Boolean> added = addRange(part, bounds, values);
      if (!added.isOk()) {
        return Result.err(added.error());
      }
      star |= added.value();
    }
    return Result.ok(new CronField(values, star));
  }

  /** Adds one {@code range[/step]} to {@code values}; the value says whether it was a star. */
  private static Result<Boolean> addRange(String part, Bounds bounds, BitSet values) {
    String[] rangeAndStep = part.split("/", -1);
    if (rangeAndStep.length > 2) {
      return Result.err("too many slashes in " + bounds.name() + " field: \"" + part + "\"");
    }
    String range = rangeAndStep[0];
    boolean star = range.equals("*") || range.equals("?");
    int start;
    int end;
    if (star) {
      start = bounds.min();
      end = bounds.max();
    } else {
      String[] lowHigh = range.split("-", -1);
      if (lowHigh.length > 2) {
        return Result.err("too many hyphens in " + bounds.name() + " field: \"" + part + "\"");
      }
      Result<Integer> low = value(lowHigh[0], bounds);
      if (!low.isOk()) {
        return Result.err(low.error());
      }
      start = low.value();
      if (lowHigh.length == 2) {
        Result<Integer> high = value(lowHigh[1], bounds);
        if (!high.isOk()) {
          return Result.err(high.error());
        }
        end = high.value();
      } else {
        end = rangeAndStep.length == 2 ? bounds.max() : start;
      }
    }
    int step = 1;
    if (rangeAndStep.length == 2) {
      Result<Integer> parsed = number(rangeAndStep[1], bounds);
      if (!parsed.isOk()) {
        return Result.err(parsed.error());
      }
      step = parsed.value();
      if (step <= 0) {
        return Result.err("step of " + bounds.name() + " field must be positive: \"" + part + "\"");
      }
    }
    if (start < bounds.min() || end > bounds.max()) {
      return Result.err(
          bounds.name() + " \"" + part + "\" is beyond " + bounds.min() + "-" + bounds.max());
    }
    if (start > end) {
      return Result.err(bounds.name() + " range \"" + part + "\" starts after it ends");
    }
    for (int v = start; v <= end; v += step) {
      values.set(v);
    }
    // As robfig/cron: "*/2" is a restriction, not a star, when day of month and day of week
    // combine.
    return Result.ok(star && step == 1);
  }

  private static Result<Integer> value(String text, Bounds bounds) {
    Integer named = bounds.names().get(text.toLowerCase(Locale.ROOT));
    return named != null ? Result.ok(named) : number(text, bounds);
  }

  private static Result<Integer> number(String text, Bounds bounds) {
    if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
      return Result.err("\"" + text + "\" is not a valid " + bounds.name());
    }
    return Result.ok(Integer.parseInt(text));
  }
}
