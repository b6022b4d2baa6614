package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value that is either a number or a string, as Kubernetes' {@code IntOrString}: a port given by
 * number or by name, a surge given as a count or a percentage. Exactly one of the two is set.
 */
public record IntOrString(Integer intValue, String stringValue) {

  public IntOrString {
    if ((intValue == null) == (stringValue == null)) {
      throw new IllegalArgumentException("exactly one of intValue and stringValue must be set");
    }
  }

  public static IntOrString of(int value) {
    return new IntOrString(value, null);
  }

  public static IntOrString of(String value) {
    return new IntOrString(null, value);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static IntOrString fromJson(JsonNode node) {
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return of(node.intValue());
    }
    if (node.isTextual()) {
      return of(node.textValue());
    }
    throw new IllegalArgumentException("expected integer or string");
  }

  public boolean isInt() {
    return intValue != null;
  }

  @JsonValue
  Object toJson() {
    return isInt() ? intValue : stringValue;
  }

  @Override
  public String toString() {
    return String.valueOf(toJson());
  }
}
