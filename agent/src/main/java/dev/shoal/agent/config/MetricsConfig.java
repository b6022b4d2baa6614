package dev.shoal.agent.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often the node samples its containers' usage ({@code --metrics-interval}, 1s by default) and
 * the span the CPU rate covers ({@code --metrics-window}, by default the interval), both as
 * durations such as {@code 1s}, {@code 500ms} or {@code 2m}.
 */
public record MetricsConfig(Duration interval, Duration window) {

  public static final MetricsConfig DEFAULT =
      new MetricsConfig(Duration.ofSeconds(1), Duration.ofSeconds(1));

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  /** Parses both flags; {@code window} empty means the interval. */
  static MetricsConfig parse(String interval, String window) throws ConfigLoader.ConfigException {
    Duration i = duration("metrics-interval", interval);
    if (i.toMillis() < 100 || i.toMinutes() > 10) {
      throw new ConfigLoader.ConfigException(
          "--metrics-interval must be between 100ms and 10m, not " + interval);
    }
    Duration w = window == null || window.isBlank() ? i : duration("metrics-window", window);
    if (w.compareTo(i) < 0 || w.toMinutes() > 60) {
      throw new ConfigLoader.ConfigException(
          "--metrics-window must be at least --metrics-interval ("
              + interval
              + ") and at most"
              + " 60m, not "
              + window);
    }
    return new MetricsConfig(i, w);
  }

  private static Duration duration(String flag, String text) throws ConfigLoader.ConfigException {
    Matcher m = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigLoader.ConfigException(
          "--" + flag + " must be a duration such as 1s, 500ms or 2m, not '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }
}
