package dev.shoal.agent.controllers.autoscale;

/**
 * A milli-value written as Kubernetes writes a DecimalSI quantity: {@code 250m}, {@code 2}, {@code
 * 1500m}, {@code 3k}, {@code 128M}.
 */
final class MilliQuantity {
  private static final String[] SUFFIXES = {"", "k", "M", "G", "T", "P", "E"};

  private MilliQuantity() {}

  static String format(long milli) {
    if (milli % 1000 != 0) {
      return milli + "m";
    }
    long units = milli / 1000;
    int i = 0;
    while (units != 0 && units % 1000 == 0 && i < SUFFIXES.length - 1) {
      units /= 1000;
      i++;
    }
    return units + SUFFIXES[i];
  }
}
