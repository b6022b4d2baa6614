package dev.shoal.agent.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Mutations of a manifest tree, each at a random place in it: delete, duplicate, swap the type, put
 * in a huge string, hostile unicode, extreme numbers, 10,000 levels of nesting, unknown fields.
 * Fragments that no tree can hold go through {@link Rendering#raw}.
 */
final class Mutations {

  enum Op {
    DELETE,
    DUPLICATE,
    TYPE_SWAP,
    HUGE_STRING,
    UNICODE,
    NUMBER,
    DEEP,
    UNKNOWN_FIELD,
    UNICODE_KEY,
    NAME,
    LABELS
  }

  /** Strings that have broken parsers, terminals and databases. */
  static final List<String> UNICODE =
      List.of(
          "\u202Eevil\u202C",
          "nul\u0000byte",
          "emoji-\uD83D\uDE80\uD83D\uDD25",
          "\uFEFFbom",
          "zero\u200Bwidth",
          "e\u0301\u0301\u0301combining",
          "\u05E9\u05DC\u05D5\u05DD-rtl",
          "\uFF26\uFF35\uFF2C\uFF2C",
          "\u0131-dotless",
          "line\nbreak",
          "tab\there",
          "\u0007bell",
          "",
          " ",
          "%00%2F..%2F",
          "../../etc/passwd",
          "a/b",
          "名前",
          "\uD800\uDC00",
          "'; DROP TABLE pods; --",
          "${jndi:ldap://x/a}",
          "\\u0000",
          "\u0085nel",
          "\u2028sep");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Random random;
  private final Rendering rendering;
  private final boolean json;

  /** {@code json}: the tree will be rendered as JSON (some raw fragments only make sense there). */
  Mutations(Random random, Rendering rendering, boolean json) {
    this.random = random;
    this.rendering = rendering;
    this.json = json;
  }

  /** Applies one mutation in place and says which. */
  Op mutate(ObjectNode root) {
    Op op = Op.values()[random.nextInt(Op.values().length)];
    List<Slot> slots = new ArrayList<>();
    collect(root, slots, 0);
    if (slots.isEmpty()) {
      root.set("metadata", anyValue());
      collect(root, slots, 0);
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (op) {
      case DELETE -> slot.remove();
      case DUPLICATE -> duplicate(slot);
      case TYPE_SWAP -> slot.set(anyValue());
      case HUGE_STRING -> slot.set(NODES.textNode(huge()));
      case UNICODE -> slot.set(NODES.textNode(unicode()));
      case NUMBER -> slot.set(number());
      case DEEP -> slot.set(deep());
      case UNKNOWN_FIELD -> objectAt(root).set("x-" + random.nextInt(99), anyValue());
      case UNICODE_KEY -> objectAt(root).set(unicode(), anyValue());
      case NAME -> metadata(root).set(random.nextBoolean() ? "name" : "namespace", nameLike());
      case LABELS -> metadata(root).set("labels", labels());
    }
    return op;
  }

  private void duplicate(Slot slot) {
    if (slot.parent() instanceof ArrayNode array) {
      array.add(slot.get().deepCopy());
    } else if (json) {
      // A key given twice: {"k": v, "k": v2}
      String text =
          slot.get().isTextual() ? "\"" + slot.get().textValue().replace("\"", "") + "\"" : "1";
      slot.set(rendering.raw(text + ", \"" + slot.key() + "\": " + text, text));
    } else {
      slot.set(rendering.raw("1", "1\n" + slot.key() + ": 2"));
    }
  }

  JsonNode anyValue() {
    return switch (random.nextInt(8)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.textNode("s" + random.nextInt(100));
      case 3 -> number();
      case 4 -> NODES.arrayNode().add(random.nextInt(10)).add("x");
      case 5 -> NODES.objectNode().put("k", "v");
      case 6 -> NODES.arrayNode();
      default -> NODES.objectNode();
    };
  }

  JsonNode number() {
    return switch (random.nextInt(16)) {
      case 0 -> NODES.numberNode(-1);
      case 1 -> NODES.numberNode(0);
      case 2 -> NODES.numberNode(Integer.MAX_VALUE + 1L);
      case 3 -> NODES.numberNode(Long.MIN_VALUE);
      case 4 -> NODES.numberNode(BigInteger.TWO.pow(63));
      case 5 -> NODES.numberNode(BigInteger.TWO.pow(64).negate());
      case 6 -> NODES.numberNode(1e308);
      case 7 -> rendering.raw("1e309", "1e309");
      case 8 -> rendering.raw("-0.0", "-0.0");
      case 9 -> NODES.numberNode(1.5);
      case 10 -> rendering.raw(json ? "NaN" : "\"NaN\"", random.nextBoolean() ? ".nan" : "-.inf");
      case 11 -> rendering.raw("1" + "0".repeat(2000), "1" + "0".repeat(2000));
      case 12 -> rendering.raw("0x1F", "0x1F");
      case 13 -> NODES.numberNode(new BigDecimal("1E+400"));
      case 14 -> NODES.numberNode(Integer.MIN_VALUE);
      default -> NODES.numberNode(random.nextInt(200_000) - 100_000);
    };
  }

  String unicode() {
    String s = UNICODE.get(random.nextInt(UNICODE.size()));
    return random.nextBoolean() ? s : "web-" + s + "-" + random.nextInt(9);
  }

  private String huge() {
    int size = random.nextInt(16) == 0 ? 1_000_000 : 64_000;
    return random.nextBoolean() ? "a".repeat(size) : "\uD83D\uDE80".repeat(size / 4);
  }

  private JsonNode deep() {
    int depth = random.nextBoolean() ? 10_000 : 150;
    if (random.nextBoolean()) {
      return rendering.raw("[".repeat(depth) + "]".repeat(depth));
    }
    return rendering.raw(
        "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
        "{a: ".repeat(depth) + "1" + "}".repeat(depth));
  }

  private JsonNode nameLike() {
    return switch (random.nextInt(5)) {
      case 0 -> NODES.textNode(unicode());
      case 1 -> NODES.textNode("n".repeat(64 + random.nextInt(300)));
      case 2 -> NODES.textNode("UPPER-case");
      case 3 -> anyValue();
      default -> NODES.textNode("-leading-dash");
    };
  }

  private ObjectNode labels() {
    ObjectNode labels = NODES.objectNode();
    switch (random.nextInt(4)) {
      case 0 -> labels.put(unicode(), "v");
      case 1 -> labels.put("app", unicode());
      case 2 -> labels.put("k".repeat(300), "v".repeat(100));
      default -> labels.set("app", anyValue());
    }
    return labels;
  }

  private static ObjectNode metadata(ObjectNode root) {
    return root.get("metadata") instanceof ObjectNode meta ? meta : root.putObject("metadata");
  }

  /** A random object in the tree (the root when it has none). */
  private ObjectNode objectAt(ObjectNode root) {
    List<ObjectNode> objects = new ArrayList<>();
    objects(root, objects);
    return objects.get(random.nextInt(objects.size()));
  }

  private static void objects(JsonNode node, List<ObjectNode> into) {
    if (node instanceof ObjectNode o) {
      into.add(o);
    }
    node.forEach(child -> objects(child, into));
  }

  private static void collect(JsonNode node, List<Slot> into, int depth) {
    if (node instanceof ObjectNode object) {
      for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        into.add(new Slot(object, key, -1));
        collect(object.get(key), into, depth + 1);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        into.add(new Slot(array, null, i));
        collect(array.get(i), into, depth + 1);
      }
    }
  }

  /** A place in the tree: a key of an object or an index of a list. */
  private record Slot(JsonNode parent, String key, int index) {
    JsonNode get() {
      return key != null ? parent.get(key) : parent.get(index);
    }

    void set(JsonNode value) {
      if (parent instanceof ObjectNode o) {
        o.set(key, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (parent instanceof ObjectNode o) {
        o.remove(key);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }
}
