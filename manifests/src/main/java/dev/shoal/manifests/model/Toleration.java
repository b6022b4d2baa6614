package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Lets a pod stay on (or be placed on) a node with a matching taint: operator {@code Equal}
 * (default) matches key and value, {@code Exists} any value; an empty key with {@code Exists}
 * matches every taint; an empty effect matches every effect. {@code tolerationSeconds} bounds how
 * long a NoExecute taint is tolerated (absent: forever; zero or less: not at all).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Toleration(
    String key, String operator, String value, String effect, Long tolerationSeconds) {

  public static final String EXISTS = "Exists";
  public static final String EQUAL = "Equal";

  /** Kubernetes' ToleratesTaint. */
  public boolean tolerates(Taint taint) {
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
      return false;
    }
    if (key != null && !key.isEmpty() && !key.equals(taint.key())) {
      return false;
    }
    if (EXISTS.equals(operator)) {
      return true;
    }
    if (operator == null || operator.isEmpty() || EQUAL.equals(operator)) {
      return (key != null && !key.isEmpty()) && empty(value).equals(empty(taint.value()));
    }
    return false;
  }

  /** True when some toleration in {@code tolerations} (null: none) tolerates the taint. */
  public static boolean anyTolerates(List<Toleration> tolerations, Taint taint) {
    if (tolerations == null) {
      return false;
    }
    for (Toleration t : tolerations) {
      if (t.tolerates(taint)) {
        return true;
      }
    }
    return false;
  }

  private static String empty(String s) {
    return s == null ? "" : s;
  }
}
