package dev.shoal.manifests.selectors;

import java.util.List;
import java.util.Map;

/**
 * One term of a selector, e.g. {@code tier in (web,api)}. Values are sorted and distinct; {@code
 * =}, {@code ==}, {@code !=} have one value, {@code in} and {@code notin} at least one, existence
 * tests none.
 */
public record Requirement(String key, Operator operator, List<String> values) {

  public Requirement {
    values = values.stream().distinct().sorted().toList();
  }

  /**
   * Kubernetes semantics: {@code !=} and {@code notin} also match objects that lack the key; {@code
   * =}, {@code ==} and {@code in} need the key with one of the values.
   */
  public boolean matches(Map<String, String> labels) {
    String value = labels.get(key);
    boolean has = value != null;
    return switch (operator) {
      case EQUALS, DOUBLE_EQUALS, IN -> has && values.contains(value);
      case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
      case EXISTS -> has;
      case DOES_NOT_EXIST -> !has;
    };
  }

  @Override
  public String toString() {
    return switch (operator) {
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> key + operator.symbol() + values.get(0);
      case IN, NOT_IN -> key + " " + operator.symbol() + " (" + String.join(",", values) + ")";
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
    };
  }
}
