package dev.shoal.manifests.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuantityTest {

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("milli-CPU", "500m", 1L, 500L),
        Arguments.of("whole cores", "2", 2L, 2000L),
        Arguments.of("fraction of a core", "0.25", 1L, 250L),
        Arguments.of("leading dot", ".5", 1L, 500L),
        Arguments.of("trailing dot", "1.", 1L, 1000L),
        Arguments.of("mebibytes", "128Mi", 134_217_728L, 134_217_728_000L),
        Arguments.of("kibibytes", "1Ki", 1024L, 1_024_000L),
        Arguments.of("gigabytes", "1G", 1_000_000_000L, 1_000_000_000_000L),
        Arguments.of("kilo is lowercase", "2k", 2000L, 2_000_000L),
        Arguments.of("exponent", "1e3", 1000L, 1_000_000L),
        Arguments.of("capital exponent with sign", "5E+2", 500L, 500_000L),
        Arguments.of("negative exponent rounds up", "1e-2", 1L, 10L),
        Arguments.of("micro rounds up to one milli", "1u", 1L, 1L),
        Arguments.of("nano", "1500000n", 1L, 2L),
        Arguments.of("zero", "0", 0L, 0L),
        Arguments.of("exbibyte still fits", "1Ei", 1L << 60, Long.MAX_VALUE));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("valid")
  void parsesToUnitsAndMilliUnits(String name, String text, long value, long milli) {
    Result<Quantity> q = Quantity.parse(text);
    assertTrue(q.isOk(), q::error);
    assertEquals(value, q.value().value());
    assertEquals(milli, q.value().milliValue());
    assertEquals(text, q.value().toString());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("empty", "", "quantity must not be empty"),
        Arguments.of("null", null, "quantity must not be empty"),
        Arguments.of("unknown suffix", "1Gb", "unknown quantity suffix 'Gb'"),
        Arguments.of("lowercase mebi", "1mi", "unknown quantity suffix 'mi'"),
        Arguments.of(
            "words",
            "lots",
            "quantities must match the regular expression "
                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        Arguments.of(
            "space inside",
            "1 Gi",
            "quantities must match the regular expression "
                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        Arguments.of(
            "two dots",
            "1.2.3",
            "quantities must match the regular expression "
                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        Arguments.of("huge exponent", "1e1000000", "quantity exponent is out of range"),
        Arguments.of("too large for a long", "10Ei", "quantity is too large"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesWithAReason(String name, String text, String error) {
    Result<Quantity> q = Quantity.parse(text);
    assertFalse(q.isOk());
    assertEquals(error, q.error());
  }

  @ParameterizedTest(name = "negative {0}")
  @MethodSource("valid")
  void negativeQuantitiesParseButSayTheyAreNegative(
      String name, String text, long value, long milli) {
    if (!text.equals("0")) {
      assertTrue(Quantity.parse("-" + text).value().isNegative());
    }
  }
}
