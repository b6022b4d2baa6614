package dev.shoal.manifests.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes' strategic merge patch: a merge patch in which lists tagged {@code merge} are merged
 * (objects by their merge key, scalars as sets) instead of replaced, steered by directives:
 *
 * <ul>
 *   <li>{@code $patch: replace|delete|merge} in an object (replace it, drop it, merge it) or as a
 *       list element (replace the whole list; delete the element with the given key);
 *   <li>{@code $setElementOrder/<list>}: the order of the list's elements after the merge;
 *   <li>{@code $deleteFromPrimitiveList/<list>}: scalars to remove from a list of scalars;
 *   <li>{@code $retainKeys}: the only keys the object keeps.
 * </ul>
 *
 * Never mutates its inputs.
 */
final class StrategicMergePatch {
  private static final String PATCH = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String SET_ORDER = "$setElementOrder/";
  private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  /** The stored object {@code original} with {@code patch} applied; the root schema is its kind. */
  static ObjectNode apply(ObjectNode original, JsonNode patch, Class<?> kind) {
    if (!patch.isObject()) {
      throw PatchException.malformed("", "a strategic merge patch must be a JSON object");
    }
    ObjectNode merged = mergeObject(original, (ObjectNode) patch, PatchSchema.of(kind), "");
    if (merged == null) {
      throw PatchException.notApplicable("", "a patch cannot delete the whole object");
    }
    return merged;
  }

  /** The merge of two objects; null when the patch deletes the object. */
  private static ObjectNode mergeObject(
      ObjectNode original, ObjectNode patch, PatchSchema schema, String path) {
    JsonNode directive = patch.get(PATCH);
    if (directive != null) {
      switch (directiveOf(directive, path)) {
        case "delete":
          return null;
        case "replace":
          return mergeObject(null, without(patch, PATCH), schema, path);
        default: // "merge", the default
          patch = without(patch, PATCH);
      }
    }
    ObjectNode result =
        original == null ? JsonNodeFactory.instance.objectNode() : original.deepCopy();
    JsonNode retain = patch.get(RETAIN_KEYS);
    if (retain != null) {
      retainOnly(result, patch, retain, path);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      if (key.equals(RETAIN_KEYS) || key.startsWith(SET_ORDER)) {
        continue;
      }
      if (key.startsWith(DELETE_PRIMITIVE)) {
        deleteFromPrimitiveList(result, key.substring(DELETE_PRIMITIVE.length()), value, path);
        continue;
      }
      if (key.startsWith("$")) {
        throw PatchException.malformed(child(path, key), "unknown patch directive \"" + key + "\"");
      }
      String at = child(path, key);
      if (value.isNull()) {
        result.remove(key);
      } else if (value.isObject()) {
        JsonNode existing = result.get(key);
        ObjectNode merged =
            mergeObject(
                existing != null && existing.isObject() ? (ObjectNode) existing : null,
                (ObjectNode) value,
                schema.field(key),
                at);
        if (merged == null) {
          result.remove(key);
        } else {
          result.set(key, merged);
        }
      } else if (value.isArray() && schema.strategy(key).merge()) {
        JsonNode existing = result.get(key);
        result.set(
            key,
            mergeList(
                existing != null && existing.isArray() ? (ArrayNode) existing : null,
                (ArrayNode) value,
                patch.get(SET_ORDER + key),
                schema.strategy(key).mergeKey(),
                schema.field(key).elements(),
                at));
      } else {
        result.set(key, value.deepCopy());
      }
    }
    reorderUnpatchedLists(result, patch, schema, path);
    return result;
  }

  /**
   * A merged list: {@code $patch: replace} drops the stored elements, {@code $patch: delete}
   * removes the element with the given key, other elements merge into the stored element with the
   * same key or are added; scalars are added once. Ordered by {@code $setElementOrder} if given,
   * else patch elements in patch order with the stored-only ones kept where they were.
   */
  private static ArrayNode mergeList(
      ArrayNode original,
      ArrayNode patch,
      JsonNode order,
      String mergeKey,
      PatchSchema elements,
      String path) {
    boolean replace = false;
    List<JsonNode> deleted = new ArrayList<>();
    List<JsonNode> items = new ArrayList<>();
    for (int i = 0; i < patch.size(); i++) {
      JsonNode element = patch.get(i);
      JsonNode directive = element.isObject() ? element.get(PATCH) : null;
      if (directive == null) {
        items.add(element);
        continue;
      }
      String at = path + "[" + i + "]";
      switch (directiveOf(directive, at)) {
        case "replace" -> replace = true;
        case "delete" -> {
          if (mergeKey == null) {
            throw PatchException.malformed(
                at, "$patch: delete needs a merge key; use $deleteFromPrimitiveList for scalars");
          }
          deleted.add(keyOf(element, mergeKey, at));
        }
        default -> {} // "merge": the default for every element
      }
    }
    List<JsonNode> result = new ArrayList<>();
    if (!replace && original != null) {
      original.forEach(result::add);
    }
    List<JsonNode> patchKeys = new ArrayList<>();
    if (mergeKey == null) {
      for (JsonNode item : items) {
        if (item.isContainerNode()) {
          throw PatchException.malformed(path, "expected a list of scalars");
        }
        if (!result.contains(item)) {
          result.add(item.deepCopy());
        }
        patchKeys.add(item);
      }
    } else {
      result.removeIf(e -> e.isObject() && deleted.contains(e.get(mergeKey)));
      for (int i = 0; i < items.size(); i++) {
        String at = path + "[" + i + "]";
        JsonNode item = items.get(i);
        if (!item.isObject()) {
          throw PatchException.malformed(at, "expected an object with the merge key " + mergeKey);
        }
        JsonNode key = keyOf(item, mergeKey, at);
        int index = indexOf(result, key, mergeKey);
        ObjectNode merged =
            mergeObject(
                index >= 0 ? (ObjectNode) result.get(index) : null,
                (ObjectNode) item,
                elements,
                at);
        if (index >= 0) {
          result.set(index, merged);
        } else {
          result.add(merged);
        }
        patchKeys.add(key);
      }
    }
    List<JsonNode> wanted = order == null ? patchKeys : orderKeys(order, mergeKey, path);
    List<JsonNode> stored = replace || original == null ? List.of() : keysOf(original, mergeKey);
    return ElementOrder.arrange(result, wanted, stored, mergeKey);
  }

  /** {@code $setElementOrder} of a list the patch does not otherwise touch still reorders it. */
  private static void reorderUnpatchedLists(
      ObjectNode result, ObjectNode patch, PatchSchema schema, String path) {
    for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.startsWith(SET_ORDER)) {
        continue;
      }
      String list = key.substring(SET_ORDER.length());
      JsonNode current = result.get(list);
      if (patch.has(list) || current == null || !current.isArray()) {
        continue;
      }
      String mergeKey = schema.strategy(list).mergeKey();
      List<JsonNode> items = new ArrayList<>();
      current.forEach(items::add);
      result.set(
          list,
          ElementOrder.arrange(
              items,
              orderKeys(patch.get(key), mergeKey, child(path, key)),
              keysOf((ArrayNode) current, mergeKey),
              mergeKey));
    }
  }

  private static void retainOnly(
      ObjectNode result, ObjectNode patch, JsonNode retain, String path) {
    if (!retain.isArray()) {
      throw PatchException.malformed(child(path, RETAIN_KEYS), "expected a list of field names");
    }
    Set<String> kept = new HashSet<>();
    retain.forEach(k -> kept.add(k.asText()));
    for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.startsWith("$") && !kept.contains(key)) {
        throw PatchException.notApplicable(
            child(path, key), "the patch sets a field that its $retainKeys does not list");
      }
    }
    result.retain(kept);
  }

  private static void deleteFromPrimitiveList(
      ObjectNode result, String list, JsonNode values, String path) {
    if (!values.isArray()) {
      throw PatchException.malformed(
          child(path, DELETE_PRIMITIVE + list), "expected a list of values to delete");
    }
    JsonNode current = result.get(list);
    if (current == null || !current.isArray()) {
      return;
    }
    List<JsonNode> drop = new ArrayList<>();
    values.forEach(drop::add);
    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
    current.forEach(
        v -> {
          if (!drop.contains(v)) {
            kept.add(v);
          }
        });
    result.set(list, kept);
  }

  private static List<JsonNode> orderKeys(JsonNode order, String mergeKey, String path) {
    if (!order.isArray()) {
      throw PatchException.malformed(path, "$setElementOrder must be a list");
    }
    List<JsonNode> keys = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      JsonNode entry = order.get(i);
      keys.add(mergeKey == null ? entry : keyOf(entry, mergeKey, path + "[" + i + "]"));
    }
    return keys;
  }

  private static List<JsonNode> keysOf(ArrayNode list, String mergeKey) {
    List<JsonNode> keys = new ArrayList<>();
    list.forEach(e -> keys.add(mergeKey == null ? e : e.path(mergeKey)));
    return keys;
  }

  private static JsonNode keyOf(JsonNode element, String mergeKey, String path) {
    JsonNode key = element.isObject() ? element.get(mergeKey) : null;
    if (key == null || key.isNull()) {
      throw PatchException.malformed(path, "the element has no merge key \"" + mergeKey + "\"");
    }
    return key;
  }

  private static int indexOf(List<JsonNode> list, JsonNode key, String mergeKey) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).isObject() && key.equals(list.get(i).get(mergeKey))) {
        return i;
      }
    }
    return -1;
  }

  private static String directiveOf(JsonNode directive, String path) {
    String text = directive.isTextual() ? directive.textValue() : "";
    if (!text.equals("replace") && !text.equals("delete") && !text.equals("merge")) {
      throw PatchException.malformed(
          child(path, PATCH), "$patch must be replace, delete or merge, not " + directive);
    }
    return text;
  }

  private static ObjectNode without(ObjectNode node, String key) {
    ObjectNode copy = node.deepCopy();
    copy.remove(key);
    return copy;
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
