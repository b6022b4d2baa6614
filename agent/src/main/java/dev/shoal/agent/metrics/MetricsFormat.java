package dev.shoal.agent.metrics;

/**
 * Quantities and durations as metrics-server writes them: CPU as a decimal quantity scaled from
 * nanocores ({@code "123456n"}; canonical, so 5000 ns/s is {@code "5u"} and 0 is {@code "0"}),
 * memory as a binary quantity ({@code "1234Ki"}, plain bytes when not a multiple of 1024), the
 * window as a Go duration ({@code "1s"}, {@code "1.005s"}, {@code "500ms"}).
 */
public final class MetricsFormat {

  private static final String[] DECIMAL = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private MetricsFormat() {}

  public static String cpu(long nanoCores) {
    if (nanoCores == 0) {
      return "0";
    }
    long value = nanoCores;
    int step = 0;
    while (value % 1000 == 0 && step < DECIMAL.length - 1) {
      value /= 1000;
      step++;
    }
    return value + DECIMAL[step];
  }

  public static String memory(long bytes) {
    if (bytes == 0) {
      return "0";
    }
    long value = bytes;
    int step = 0;
    while (value % 1024 == 0 && step < BINARY.length - 1) {
      value /= 1024;
      step++;
    }
    return value + BINARY[step];
  }

  /** Go's {@code time.Duration.String()} for whole milliseconds. */
  public static String window(long millis) {
    if (millis == 0) {
      return "0s";
    }
    if (millis < 1000) {
      return millis + "ms";
    }
    long minutes = millis / 60_000;
    long rest = millis % 60_000;
    String seconds = Long.toString(rest / 1000);
    long fraction = rest % 1000;
    if (fraction != 0) {
      seconds += "." + String.format("%03d", fraction).replaceAll("0+$", "");
    }
    long hours = minutes / 60;
    minutes %= 60;
    StringBuilder out = new StringBuilder();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(seconds).append('s').toString();
  }
}
