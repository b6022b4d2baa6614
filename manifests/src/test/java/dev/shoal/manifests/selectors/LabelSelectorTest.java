package dev.shoal.manifests.selectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.LabelSelectorRequirement;
import dev.shoal.manifests.validation.FieldError;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * matchLabels + matchExpressions: semantics, the string form they compile to, and every invalid
 * shape.
 */
class LabelSelectorTest {

  static LabelSelectorRequirement expr(String key, String op, String... values) {
    return new LabelSelectorRequirement(key, op, values.length == 0 ? null : List.of(values));
  }

  static LabelSelector sel(Map<String, String> labels, LabelSelectorRequirement... exprs) {
    return new LabelSelector(labels, exprs.length == 0 ? null : List.of(exprs));
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of(
            "empty selector matches everything", sel(null), "", List.of("-", "a=1"), List.of()),
        Arguments.of(
            "empty maps match everything",
            new LabelSelector(Map.of(), List.of()),
            "",
            List.of("-"),
            List.of()),
        Arguments.of(
            "matchLabels",
            sel(Map.of("app", "web", "tier", "front")),
            "app=web,tier=front",
            List.of("app=web tier=front x=1"),
            List.of("app=web", "-")),
        Arguments.of(
            "In",
            sel(null, expr("env", "In", "prod", "stage")),
            "env in (prod,stage)",
            List.of("env=prod"),
            List.of("-", "env=dev")),
        Arguments.of(
            "NotIn matches objects without the key",
            sel(null, expr("env", "NotIn", "dev")),
            "env notin (dev)",
            List.of("-", "env=prod"),
            List.of("env=dev")),
        Arguments.of(
            "Exists", sel(null, expr("gpu", "Exists")), "gpu", List.of("gpu="), List.of("-")),
        Arguments.of(
            "DoesNotExist",
            sel(null, expr("gpu", "DoesNotExist")),
            "!gpu",
            List.of("-"),
            List.of("gpu=x")),
        Arguments.of(
            "Exists with an empty values list",
            sel(null, new LabelSelectorRequirement("gpu", "Exists", List.of())),
            "gpu",
            List.of("gpu=a"),
            List.of("-")),
        Arguments.of(
            "labels and expressions are ANDed",
            sel(Map.of("app", "web"), expr("env", "NotIn", "dev")),
            "app=web,env notin (dev)",
            List.of("app=web", "app=web env=prod"),
            List.of("app=web env=dev", "env=x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void compilesWithKubernetesSemantics(
      String name,
      LabelSelector selector,
      String printed,
      List<String> match,
      List<String> noMatch) {
    Result<Selector> compiled = Selector.fromLabelSelector(selector);
    assertTrue(compiled.isOk(), compiled::error);
    Selector s = compiled.value();
    assertEquals(printed, s.toString());
    match.forEach(l -> assertTrue(s.matches(SelectorStringTest.labels(l)), "should match " + l));
    noMatch.forEach(
        l -> assertFalse(s.matches(SelectorStringTest.labels(l)), "should not match " + l));
  }

  @Test
  void nullSelectorMatchesNothing() {
    Selector s = Selector.fromLabelSelector(null).value();
    assertTrue(s.matchesNothing());
    assertFalse(s.matches(Map.of()));
    assertFalse(s.matches(Map.of("a", "b")));
  }

  @Test
  void serviceSelectorMapMatchesByEquality() {
    Selector s = Selector.of(Map.of("app", "web"));
    assertTrue(s.matches(Map.of("app", "web", "pod-template-hash", "x")));
    assertFalse(s.matches(null));
    assertTrue(Selector.of(Map.of()).matchesEverything());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(
            "unknown operator",
            sel(null, expr("a", "Gt", "1")),
            List.of(
                "spec.selector.matchExpressions[0].operator: \"Gt\": supported values: \"In\", \"NotIn\", "
                    + "\"Exists\", \"DoesNotExist\"")),
        Arguments.of(
            "operator in the wrong case",
            sel(null, expr("a", "in", "1")),
            List.of(
                "spec.selector.matchExpressions[0].operator: \"in\": supported values: \"In\", \"NotIn\", "
                    + "\"Exists\", \"DoesNotExist\"")),
        Arguments.of(
            "missing operator",
            sel(null, expr("a", null)),
            List.of(
                "spec.selector.matchExpressions[0].operator: must be one of \"In\", \"NotIn\", \"Exists\", "
                    + "\"DoesNotExist\"")),
        Arguments.of(
            "In without values",
            sel(null, expr("a", "In")),
            List.of(
                "spec.selector.matchExpressions[0].values: must be specified when `operator` is 'In' or "
                    + "'NotIn'")),
        Arguments.of(
            "NotIn with an empty list",
            sel(null, new LabelSelectorRequirement("a", "NotIn", List.of())),
            List.of(
                "spec.selector.matchExpressions[0].values: must be specified when `operator` is 'In' or "
                    + "'NotIn'")),
        Arguments.of(
            "Exists with values",
            sel(null, expr("a", "Exists", "x")),
            List.of(
                "spec.selector.matchExpressions[0].values: may not be specified when `operator` is 'Exists' "
                    + "or 'DoesNotExist'")),
        Arguments.of(
            "DoesNotExist with values",
            sel(null, expr("a", "Exists"), expr("b", "DoesNotExist", "x")),
            List.of(
                "spec.selector.matchExpressions[1].values: may not be specified when `operator` is 'Exists' "
                    + "or 'DoesNotExist'")),
        Arguments.of(
            "missing key",
            sel(null, expr(null, "Exists")),
            List.of("spec.selector.matchExpressions[0].key: must be specified")),
        Arguments.of(
            "bad key",
            sel(null, expr("-a", "Exists")),
            List.of(
                "spec.selector.matchExpressions[0].key: \"-a\": name part must consist of alphanumeric "
                    + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
                    + "'MyName', or 'my.name', or '123-abc', regex used for validation is "
                    + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
        Arguments.of(
            "bad value",
            sel(null, expr("a", "In", "ok", "x".repeat(64))),
            List.of(
                "spec.selector.matchExpressions[0].values[1]: \""
                    + "x".repeat(64)
                    + "\": must be no more than 63 characters")),
        Arguments.of(
            "bad matchLabels key and value",
            sel(Map.of("a b", "c d")),
            List.of(
                "spec.selector.matchLabels: \"a b\": name part must consist of alphanumeric characters, '-', "
                    + "'_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', "
                    + "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
                "spec.selector.matchLabels: \"c d\": a valid label must be an empty string or consist of "
                    + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                    + "(e.g. 'MyValue', or 'my_value', or '12345', regex used for validation is "
                    + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidSelectorsAreRefusedWithFieldPaths(
      String name, LabelSelector selector, List<String> errors) {
    assertEquals(
        errors,
        Selector.check(selector, "spec.selector").stream().map(FieldError::toString).toList());
    Result<Selector> compiled = Selector.fromLabelSelector(selector);
    assertFalse(compiled.isOk());
    assertTrue(
        compiled.error().startsWith(errors.get(0).substring("spec.selector.".length())),
        compiled.error());
  }
}
