package dev.shoal.manifests.selectors;

import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.LabelSelectorRequirement;
import dev.shoal.manifests.validation.FieldError;
import dev.shoal.manifests.validation.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A compiled, immutable label selector: all requirements must match. The empty selector matches
 * everything; {@link #nothing()} (what a null {@link LabelSelector} compiles to) matches no object.
 */
public final class Selector {
  private static final Selector EVERYTHING = new Selector(List.of(), false);
  private static final Selector NOTHING = new Selector(List.of(), true);
  private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

  private final List<Requirement> requirements;
  private final boolean nothing;

  private Selector(List<Requirement> requirements, boolean nothing) {
    this.requirements =
        requirements.stream().sorted(Comparator.comparing(Requirement::key)).toList();
    this.nothing = nothing;
  }

  public static Selector everything() {
    return EVERYTHING;
  }

  public static Selector nothing() {
    return NOTHING;
  }

  /**
   * The string form, e.g. {@code app=web,tier in (front,api),!canary}; the error says what and
   * where.
   */
  public static Result<Selector> parse(String text) {
    if (text == null) {
      return Result.ok(EVERYTHING);
    }
    return SelectorParser.parse(text).map(r -> new Selector(r, false));
  }

  /**
   * Equality on every given label, as a Service's {@code spec.selector} (an empty map matches
   * everything).
   */
  public static Selector of(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return EVERYTHING;
    }
    return new Selector(
        labels.entrySet().stream()
            .map(e -> new Requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue())))
            .toList(),
        false);
  }

  /** matchLabels and matchExpressions, checked as Kubernetes checks them; null matches nothing. */
  public static Result<Selector> fromLabelSelector(LabelSelector selector) {
    if (selector == null) {
      return Result.ok(NOTHING);
    }
    List<FieldError> errors = check(selector, "");
    if (!errors.isEmpty()) {
      return Result.err(
          errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
    }
    List<Requirement> requirements = new ArrayList<>();
    if (selector.matchLabels() != null) {
      new TreeMap<>(selector.matchLabels())
          .forEach((k, v) -> requirements.add(new Requirement(k, Operator.EQUALS, List.of(v))));
    }
    if (selector.matchExpressions() != null) {
      for (LabelSelectorRequirement e : selector.matchExpressions()) {
        Operator op =
            switch (e.operator()) {
              case "In" -> Operator.IN;
              case "NotIn" -> Operator.NOT_IN;
              case "Exists" -> Operator.EXISTS;
              default -> Operator.DOES_NOT_EXIST;
            };
        requirements.add(new Requirement(e.key(), op, e.values() == null ? List.of() : e.values()));
      }
    }
    return Result.ok(requirements.isEmpty() ? EVERYTHING : new Selector(requirements, false));
  }

  /**
   * Kubernetes' rules for a structured selector, with paths below {@code path} (e.g. {@code
   * spec.selector}).
   */
  public static List<FieldError> check(LabelSelector selector, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (selector.matchLabels() != null) {
      String at = child(path, "matchLabels");
      new TreeMap<>(selector.matchLabels())
          .forEach(
              (k, v) -> {
                Names.qualifiedName(k)
                    .forEach(m -> errors.add(FieldError.invalid(at, "\"" + k + "\": " + m)));
                Names.labelValue(v)
                    .forEach(m -> errors.add(FieldError.invalid(at, "\"" + v + "\": " + m)));
              });
    }
    List<LabelSelectorRequirement> expressions = selector.matchExpressions();
    for (int i = 0; expressions != null && i < expressions.size(); i++) {
      errors.addAll(
          checkExpression(expressions.get(i), child(path, "matchExpressions") + "[" + i + "]"));
    }
    return errors;
  }

  private static List<FieldError> checkExpression(LabelSelectorRequirement e, String at) {
    List<FieldError> errors = new ArrayList<>();
    if (e.key() == null || e.key().isEmpty()) {
      errors.add(FieldError.required(at + ".key", "must be specified"));
    } else {
      Names.qualifiedName(e.key())
          .forEach(m -> errors.add(FieldError.invalid(at + ".key", "\"" + e.key() + "\": " + m)));
    }
    List<String> values = e.values() == null ? List.of() : e.values();
    if (e.operator() == null) {
      errors.add(
          FieldError.required(
              at + ".operator", "must be one of \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\""));
    } else if (!OPERATORS.contains(e.operator())) {
      errors.add(
          FieldError.notSupported(
              at + ".operator",
              "\""
                  + e.operator()
                  + "\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\""));
    } else if (e.operator().endsWith("In") && values.isEmpty()) {
      errors.add(
          FieldError.required(
              at + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (!e.operator().endsWith("In") && !values.isEmpty()) {
      errors.add(
          FieldError.forbidden(
              at + ".values",
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
    for (int j = 0; j < values.size(); j++) {
      String v = values.get(j);
      String field = at + ".values[" + j + "]";
      Names.labelValue(v)
          .forEach(m -> errors.add(FieldError.invalid(field, "\"" + v + "\": " + m)));
    }
    return errors;
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (Requirement r : requirements) {
      if (!r.matches(l)) {
        return false;
      }
    }
    return true;
  }

  public boolean matchesEverything() {
    return !nothing && requirements.isEmpty();
  }

  public boolean matchesNothing() {
    return nothing;
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  /**
   * The string form, requirements sorted by key; parses back to an equal selector. {@code
   * nothing()} is "<none>".
   */
  @Override
  public String toString() {
    return nothing
        ? "<none>"
        : requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Selector s && s.nothing == nothing && s.requirements.equals(requirements);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requirements, nothing);
  }
}
