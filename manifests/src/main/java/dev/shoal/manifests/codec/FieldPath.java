package dev.shoal.manifests.codec;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Field paths in Kubernetes' notation ({@code spec.containers[0].image}) from Jackson's positions.
 */
final class FieldPath {
  private FieldPath() {}

  /** Appends a field name (or a path) to a path. */
  static String child(String parent, String name) {
    if (name.isEmpty()) {
      return parent;
    }
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** Appends a list index to a path. */
  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /**
   * The path of the value the parser is on (for a start token, of the object or list it opens).
   * Jackson's tree parser keeps an unnamed context for each object it enters, so named contexts win
   * over array positions.
   */
  static String of(JsonStreamContext context, JsonToken current) {
    JsonStreamContext c = context;
    if (c != null && (current == JsonToken.START_OBJECT || current == JsonToken.START_ARRAY)) {
      c = c.getParent();
    }
    Deque<String> parts = new ArrayDeque<>();
    for (; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      } else if (c.inArray()) {
        parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      }
    }
    return join(parts);
  }

  /** The path a mapping exception points at. */
  static String of(List<JsonMappingException.Reference> references) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonMappingException.Reference r : references) {
      parts.addLast(
          r.getFieldName() != null
              ? "." + r.getFieldName()
              : "[" + Math.max(r.getIndex(), 0) + "]");
    }
    return join(parts);
  }

  private static String join(Deque<String> parts) {
    String path = String.join("", parts);
    return path.startsWith(".") ? path.substring(1) : path;
  }
}
