package dev.shoal.manifests.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a merged list: the elements the patch names come in the patch's order; the elements
 * only the stored list has stay where they were relative to them. Where the two cannot be compared
 * (an element new to the list), the stored-only element goes first, as upstream does.
 */
final class ElementOrder {
  private ElementOrder() {}

  static ArrayNode arrange(
      List<JsonNode> merged, List<JsonNode> wanted, List<JsonNode> stored, String mergeKey) {
    List<JsonNode> named = new ArrayList<>();
    List<JsonNode> storedOnly = new ArrayList<>();
    for (JsonNode element : merged) {
      (wanted.contains(key(element, mergeKey)) ? named : storedOnly).add(element);
    }
    named.sort(Comparator.comparingInt(e -> wanted.indexOf(key(e, mergeKey))));
    storedOnly.sort(Comparator.comparingInt(e -> rank(stored, key(e, mergeKey))));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    int i = 0;
    int j = 0;
    while (i < named.size() || j < storedOnly.size()) {
      if (j >= storedOnly.size()) {
        out.add(named.get(i++));
      } else if (i >= named.size()) {
        out.add(storedOnly.get(j++));
      } else {
        int left = stored.indexOf(key(named.get(i), mergeKey));
        int right = stored.indexOf(key(storedOnly.get(j), mergeKey));
        out.add(left >= 0 && right >= 0 && left < right ? named.get(i++) : storedOnly.get(j++));
      }
    }
    return out;
  }

  private static int rank(List<JsonNode> stored, JsonNode key) {
    int index = stored.indexOf(key);
    return index < 0 ? Integer.MAX_VALUE : index;
  }

  private static JsonNode key(JsonNode element, String mergeKey) {
    return mergeKey == null ? element : element.path(mergeKey);
  }
}
