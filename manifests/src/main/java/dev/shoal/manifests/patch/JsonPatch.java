package dev.shoal.manifests.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch (RFC 6902): a list of {@code add}, {@code remove}, {@code replace}, {@code move},
 * {@code copy} and {@code test} operations on JSON pointers (RFC 6901), applied in order to a copy;
 * the first that fails stops the patch and nothing of it is kept.
 */
final class JsonPatch {
  private JsonPatch() {}

  static JsonNode apply(JsonNode document, JsonNode patch) {
    if (!patch.isArray()) {
      throw PatchException.malformed("", "a JSON patch must be a list of operations");
    }
    JsonNode result = document.deepCopy();
    for (int i = 0; i < patch.size(); i++) {
      result = applyOne(result, patch.get(i), "[" + i + "]");
    }
    return result;
  }

  private static JsonNode applyOne(JsonNode document, JsonNode operation, String at) {
    if (!operation.isObject()) {
      throw PatchException.malformed(at, "an operation must be an object");
    }
    String op = text(operation, "op", at);
    List<String> path = pointer(text(operation, "path", at), at + ".path");
    switch (op) {
      case "add":
        return add(document, path, value(operation, at), at);
      case "remove":
        return remove(document, path, at);
      case "replace":
        return path.isEmpty()
            ? value(operation, at).deepCopy()
            : add(remove(document, path, at), path, value(operation, at), at);
      case "move":
        {
          List<String> from = pointer(text(operation, "from", at), at + ".from");
          if (path.size() > from.size() && path.subList(0, from.size()).equals(from)) {
            throw PatchException.notApplicable(at, "cannot move a value into itself");
          }
          JsonNode moved = find(document, from, at);
          return add(remove(document, from, at), path, moved, at);
        }
      case "copy":
        {
          List<String> from = pointer(text(operation, "from", at), at + ".from");
          return add(document, path, find(document, from, at).deepCopy(), at);
        }
      case "test":
        if (!find(document, path, at).equals(value(operation, at))) {
          throw PatchException.notApplicable(
              at, "test failed: the value at " + operation.get("path").asText() + " differs");
        }
        return document;
      default:
        throw PatchException.malformed(at + ".op", "unknown operation \"" + op + "\"");
    }
  }

  private static JsonNode add(JsonNode document, List<String> path, JsonNode value, String at) {
    if (path.isEmpty()) {
      return value.deepCopy();
    }
    JsonNode parent = find(document, path.subList(0, path.size() - 1), at);
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value.deepCopy());
    } else if (parent instanceof ArrayNode array) {
      int index = last.equals("-") ? array.size() : index(last, array.size() + 1, at);
      array.insert(index, value.deepCopy());
    } else {
      throw PatchException.notApplicable(at, "the parent of the path is not an object or list");
    }
    return document;
  }

  private static JsonNode remove(JsonNode document, List<String> path, String at) {
    if (path.isEmpty()) {
      throw PatchException.notApplicable(at, "cannot remove the whole document");
    }
    JsonNode parent = find(document, path.subList(0, path.size() - 1), at);
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object && object.has(last)) {
      object.remove(last);
    } else if (parent instanceof ArrayNode array) {
      array.remove(index(last, array.size(), at));
    } else {
      throw PatchException.notApplicable(at, "no value at the path to remove");
    }
    return document;
  }

  private static JsonNode find(JsonNode document, List<String> path, String at) {
    JsonNode node = document;
    for (String token : path) {
      if (node.isObject() && node.has(token)) {
        node = node.get(token);
      } else if (node.isArray()) {
        node = node.get(index(token, node.size(), at));
      } else {
        throw PatchException.notApplicable(at, "no value at \"" + token + "\" of the path");
      }
    }
    return node;
  }

  /** An array index below {@code bound}: digits, no leading zero. */
  private static int index(String token, int bound, String at) {
    if (!token.matches("0|[1-9][0-9]{0,8}")) {
      throw PatchException.notApplicable(at, "\"" + token + "\" is not a list index");
    }
    int index = Integer.parseInt(token);
    if (index >= bound) {
      throw PatchException.notApplicable(at, "list index " + index + " is out of range");
    }
    return index;
  }

  /** The reference tokens of a JSON pointer, {@code ~1} and {@code ~0} unescaped. */
  static List<String> pointer(String pointer, String at) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw PatchException.malformed(at, "a JSON pointer must start with /");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : pointer.substring(1).split("/", -1)) {
      tokens.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  private static String text(JsonNode operation, String field, String at) {
    JsonNode value = operation.get(field);
    if (value == null || !value.isTextual()) {
      throw PatchException.malformed(at + "." + field, field + " is required and is a string");
    }
    return value.textValue();
  }

  private static JsonNode value(JsonNode operation, String at) {
    if (!operation.has("value")) {
      throw PatchException.malformed(at + ".value", "value is required");
    }
    return operation.get("value");
  }
}
