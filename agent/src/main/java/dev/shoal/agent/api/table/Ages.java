package dev.shoal.agent.api.table;

import java.time.Duration;
import java.time.Instant;

/**
 * Durations as kubectl shows them ({@code 45s}, {@code 3m12s}, {@code 5h4m}, {@code 3d2h}, {@code
 * 2y15d}): coarser as they grow, two units at most, as upstream's {@code HumanDuration}.
 */
public final class Ages {

  private Ages() {}

  /** The time from {@code then} to {@code now}; {@code <unknown>} when there is no time. */
  public static String since(Instant then, Instant now) {
    return then == null ? "<unknown>" : human(Duration.between(then, now));
  }

  public static String human(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < -1) {
      return "<invalid>"; // clocks two seconds apart still count as now
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return pair(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 180) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      return pair(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    long days = hours / 24;
    if (hours < 24 * 8) {
      return pair(days, "d", hours % 24, "h");
    }
    if (hours < 24 * 365 * 2) {
      return days + "d";
    }
    if (hours < 24 * 365 * 8) {
      return pair(days / 365, "y", days % 365, "d");
    }
    return days / 365 + "y";
  }

  private static String pair(long big, String bigUnit, long small, String smallUnit) {
    return small == 0 ? big + bigUnit : big + bigUnit + small + smallUnit;
  }
}
