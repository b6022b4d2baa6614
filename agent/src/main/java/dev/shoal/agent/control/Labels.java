package dev.shoal.agent.control;

import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.selectors.Selector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Label selector matching for the controllers, on {@code dev.shoal.manifests.selectors.Selector}
 * (compiled selectors are cached by value). Stricter than a bare Selector where a controller must
 * be: a null or empty selector, or one that does not compile, matches nothing, so a bad object
 * never claims every pod.
 */
public final class Labels {

  private static final int CACHE_LIMIT = 10_000;
  private static final Map<LabelSelector, Selector> COMPILED = new ConcurrentHashMap<>();

  private Labels() {}

  /** True when every term of {@code selector} holds for {@code labels}. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null
        || (isEmpty(selector.matchLabels()) && isEmpty(selector.matchExpressions()))) {
      return false;
    }
    Selector compiled = COMPILED.get(selector);
    if (compiled == null) {
      Result<Selector> result = Selector.fromLabelSelector(selector);
      compiled = result.isOk() ? result.value() : Selector.nothing();
      if (COMPILED.size() >= CACHE_LIMIT) {
        COMPILED.clear();
      }
      COMPILED.put(selector, compiled);
    }
    return compiled.matches(labels == null ? Map.of() : labels);
  }

  /** Equality-only selector (a Service's or a nodeSelector): every pair must be present. */
  public static boolean containsAll(Map<String, String> wanted, Map<String, String> labels) {
    if (wanted == null || wanted.isEmpty()) {
      return true;
    }
    Map<String, String> have = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> term : wanted.entrySet()) {
      if (!term.getValue().equals(have.get(term.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isEmpty(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
