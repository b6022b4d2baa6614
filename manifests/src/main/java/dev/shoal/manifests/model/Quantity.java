package dev.shoal.manifests.model;

import dev.shoal.manifests.Result;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity such as {@code 500m}, {@code 2}, {@code 128Mi}, {@code 1G} or
 * {@code 1e3}: a decimal number with a binary-SI ({@code Ki..Ei}), decimal-SI ({@code n u m k M G T
 * P E}) or exponent suffix. Read it as whole units ({@link #value()}, e.g. bytes) or thousandths
 * ({@link #milliValue()}, e.g. milli-CPU), both rounded up as Kubernetes does. Parsing refuses what
 * does not fit a long in whole units.
 */
public record Quantity(BigDecimal amount, String text) {

  private static final Pattern FORM =
      Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))([a-zA-Z]*|[eE][+-]?[0-9]+)");
  private static final int MAX_EXPONENT = 30;
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("n", new BigDecimal("1e-9")),
          Map.entry("u", new BigDecimal("1e-6")),
          Map.entry("m", new BigDecimal("1e-3")),
          Map.entry("k", new BigDecimal("1e3")),
          Map.entry("M", new BigDecimal("1e6")),
          Map.entry("G", new BigDecimal("1e9")),
          Map.entry("T", new BigDecimal("1e12")),
          Map.entry("P", new BigDecimal("1e15")),
          Map.entry("E", new BigDecimal("1e18")),
          Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
          Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
          Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
          Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
          Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
          Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

  /** Parses the text form; the error says why it is not a quantity (or too large to use). */
  public static Result<Quantity> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Result.err("quantity must not be empty");
    }
    if (text.length() > 64) {
      return Result.err("quantity is too long");
    }
    Matcher m = FORM.matcher(text);
    if (!m.matches()) {
      return Result.err(
          "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    }
    BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    String suffix = m.group(2);
    BigDecimal scale;
    if (suffix.matches("[eE][+-]?[0-9]+")) {
      int exponent = Integer.parseInt(suffix.substring(1).replace("+", ""));
      if (Math.abs(exponent) > MAX_EXPONENT) {
        return Result.err("quantity exponent is out of range");
      }
      scale = BigDecimal.ONE.scaleByPowerOfTen(exponent);
    } else {
      scale = SUFFIXES.get(suffix);
      if (scale == null) {
        return Result.err("unknown quantity suffix '" + suffix + "'");
      }
    }
    BigDecimal amount = number.multiply(scale);
    if (amount.abs().compareTo(LONG_MAX) > 0) {
      return Result.err("quantity is too large");
    }
    return Result.ok(new Quantity(amount, text));
  }

  /** Whole units, rounded up: bytes for memory, cores for CPU. */
  public long value() {
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /**
   * Thousandths, rounded up: milli-CPU for CPU. Saturates at the long range (past 9.2 exa-units).
   */
  public long milliValue() {
    BigDecimal milli = amount.movePointRight(3).setScale(0, RoundingMode.CEILING);
    if (milli.abs().compareTo(LONG_MAX) > 0) {
      return milli.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return milli.longValueExact();
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  @Override
  public String toString() {
    return text;
  }
}
