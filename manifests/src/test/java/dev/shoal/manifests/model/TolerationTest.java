package dev.shoal.manifests.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kubernetes' ToleratesTaint, case by case. */
class TolerationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      Equal, same key and value          | k | Equal  | v | NoSchedule | k | v | NoSchedule | true
      Equal, other value                 | k | Equal  | v | NoSchedule | k | w | NoSchedule | false
      operator defaults to Equal         | k | -      | v | NoSchedule | k | v | NoSchedule | true
      Equal, absent value is empty       | k | Equal  | - | NoSchedule | k | - | NoSchedule | true
      Equal, other key                   | k | Equal  | v | NoSchedule | j | v | NoSchedule | false
      Exists, any value                  | k | Exists | - | NoSchedule | k | w | NoSchedule | true
      Exists, other key                  | k | Exists | - | NoSchedule | j | w | NoSchedule | false
      empty effect matches every effect  | k | Exists | - | -          | k | w | NoExecute  | true
      other effect                       | k | Exists | - | NoSchedule | k | w | NoExecute  | false
      empty key with Exists: everything  | - | Exists | - | -          | j | w | NoExecute  | true
      empty key with Exists, one effect  | - | Exists | - | NoSchedule | j | w | NoExecute  | false
      empty key with Equal: nothing      | - | Equal  | - | -          | j | - | NoExecute  | false
      unknown operator: nothing          | k | Like   | v | NoSchedule | k | v | NoSchedule | false
      """)
  void tolerates(
      String what,
      String key,
      String operator,
      String value,
      String effect,
      String taintKey,
      String taintValue,
      String taintEffect,
      boolean expected) {
    Toleration t = new Toleration(key, operator, value, effect, null);
    assertEquals(expected, t.tolerates(new Taint(taintKey, taintValue, taintEffect, null)));
  }

  @Test
  void anyOfTheList() {
    Taint taint = new Taint("dedicated", "infra", "NoSchedule", null);
    assertFalse(Toleration.anyTolerates(null, taint));
    assertFalse(Toleration.anyTolerates(List.of(), taint));
    assertTrue(
        Toleration.anyTolerates(
            List.of(
                new Toleration("other", "Exists", null, null, null),
                new Toleration("dedicated", null, "infra", null, null)),
            taint));
  }
}
