package dev.shoal.manifests.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.shoal.manifests.validation.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML or JSON text (one document or many, separated by {@code ---}) into JSON trees,
 * refusing input that would cost more than a manifest should: over {@link #MAX_BYTES}, nested
 * deeper than {@link Json#MAX_NESTING_DEPTH}, more than {@link #MAX_ALIASES} alias uses or {@link
 * #MAX_NODES} nodes per document once aliases are expanded (a "billion laughs" document stops after
 * a few thousand steps), or with a key given twice. YAML anchors and aliases of mappings and lists,
 * and {@code <<} merge keys, work as in Kubernetes; Jackson's YAML parser does not report anchors
 * on single values, so aliases of those are refused.
 */
final class DocumentReader {
  /** The same request body limit as Kubernetes' API server. */
  static final int MAX_BYTES = 3 * 1024 * 1024;

  static final int MAX_ALIASES = 100;
  static final int MAX_NODES = 100_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The parser's own nesting limit sits just above {@link Json#MAX_NESTING_DEPTH}, so the tree
   * builder refuses first and names the field where the nesting went too deep.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(Json.MAX_NESTING_DEPTH + 2).build())
          .build();

  private static final YAMLFactory YAML =
      YAMLFactory.builder().loaderOptions(loaderOptions()).build();

  /**
   * The documents read before an error (if any) stopped the reading; {@code syntaxError} tells an
   * error in the text itself from a refused value.
   */
  record Documents(List<JsonNode> trees, FieldError error, boolean syntaxError) {}

  private DocumentReader() {}

  static Documents read(byte[] text) {
    if (text.length > MAX_BYTES) {
      return new Documents(
          List.of(),
          FieldError.tooLong(
              "", "manifest is " + text.length + " bytes, more than the limit of " + MAX_BYTES),
          false);
    }
    if (!looksLikeJson(text)) {
      return read(text, YAML);
    }
    Documents json = read(text, JSON);
    if (!json.syntaxError()) {
      return json;
    }
    // A flow-style YAML mapping also starts with '{': try it as YAML before reporting the JSON
    // error.
    Documents yaml = read(text, YAML);
    return yaml.error() == null ? yaml : json;
  }

  private static Documents read(byte[] text, JsonFactory format) {
    List<JsonNode> trees = new ArrayList<>();
    try (JsonParser p = format.createParser(text)) {
      while (p.nextToken() != null) {
        JsonNode tree = new TreeBuilder(p).build("", 0);
        if (!tree.isNull() && !(tree.isTextual() && tree.textValue().isEmpty())) {
          trees.add(tree);
        }
      }
      return new Documents(trees, null, false);
    } catch (Refused e) {
      return new Documents(trees, e.error, false);
    } catch (JsonProcessingException e) {
      return new Documents(trees, syntaxError(trees.size() + 1, syntax(e)), true);
    } catch (IOException | RuntimeException e) {
      return new Documents(
          trees, syntaxError(trees.size() + 1, firstLine(String.valueOf(e.getMessage()))), true);
    }
  }

  private static FieldError syntaxError(int document, String message) {
    return FieldError.invalid("", "document " + document + ": " + message);
  }

  private static boolean looksLikeJson(byte[] text) {
    for (byte b : text) {
      if (b == '{' || b == '[') {
        return true;
      }
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return false;
  }

  /**
   * "line 3, column 9: expected ',' or ']', but got <stream end> (while parsing a flow sequence)".
   */
  private static String syntax(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
      return "line "
          + (y.getProblemMark().getLine() + 1)
          + ", column "
          + (y.getProblemMark().getColumn() + 1)
          + ": "
          + y.getProblem()
          + (y.getContext() == null ? "" : " (" + y.getContext() + ")");
    }
    String where =
        e.getLocation() == null || e.getLocation().getLineNr() < 0
            ? ""
            : "line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + ": ";
    String message =
        firstLine(e.getOriginalMessage())
            .replaceAll("\\s*\\(start marker at .*$", "")
            .replaceAll(",? from `StreamReadConstraints[^`]*`", "");
    return where + message;
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // the tree builder refuses them, with the path
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(Json.MAX_NESTING_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    return options;
  }

  /** Input the reader refuses, with where and why. */
  private static final class Refused extends RuntimeException {
    final transient FieldError error;

    Refused(FieldError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  /** Builds one document's tree, expanding YAML aliases against a node budget. */
  private static final class TreeBuilder {
    private final JsonParser p;
    private final YAMLParser yaml;
    private final Map<String, Sized> anchors = new HashMap<>();
    private int nodes;
    private int aliases;

    private record Sized(JsonNode node, int size) {}

    TreeBuilder(JsonParser p) {
      this.p = p;
      this.yaml = p instanceof YAMLParser y ? y : null;
    }

    JsonNode build(String path, int depth) throws IOException {
      if (depth > Json.MAX_NESTING_DEPTH) {
        throw new Refused(
            FieldError.invalid(path, "nested deeper than " + Json.MAX_NESTING_DEPTH + " levels"));
      }
      if (yaml != null && yaml.isCurrentAlias()) {
        return alias(path, yaml.getText());
      }
      String anchor = yaml == null ? null : yaml.getCurrentAnchor();
      int before = nodes;
      count(path, 1);
      JsonNode node =
          switch (p.currentToken()) {
            case START_OBJECT -> object(path, depth);
            case START_ARRAY -> array(path, depth);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> integer();
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default ->
                throw new Refused(
                    FieldError.invalid(path, "unsupported YAML value " + p.currentToken()));
          };
      if (anchor != null) {
        anchors.put(anchor, new Sized(node, nodes - before));
      }
      return node;
    }

    private JsonNode integer() throws IOException {
      return switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(p.getBigIntegerValue());
      };
    }

    private JsonNode alias(String path, String name) {
      Sized target = anchors.get(name);
      if (target == null) {
        throw new Refused(
            FieldError.invalid(
                path,
                "unknown YAML alias *"
                    + name
                    + " (anchors work on mappings and lists, not on single values)"));
      }
      if (++aliases > MAX_ALIASES) {
        throw new Refused(
            FieldError.invalid(path, "more than " + MAX_ALIASES + " YAML aliases in one document"));
      }
      count(path, target.size());
      return target.node();
    }

    private void count(String path, int more) {
      nodes += more;
      if (nodes > MAX_NODES) {
        throw new Refused(
            FieldError.tooLong(path, "document expands to more than " + MAX_NODES + " values"));
      }
    }

    private ObjectNode object(String path, int depth) throws IOException {
      ObjectNode object = NODES.objectNode();
      List<JsonNode> merges = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        String child = FieldPath.child(path, name);
        p.nextToken();
        JsonNode value = build(child, depth + 1);
        if (yaml != null && name.equals("<<")) {
          merges.add(value);
        } else if (object.has(name)) {
          throw new Refused(
              FieldError.duplicate(child, "key \"" + name + "\" is given more than once"));
        } else {
          object.set(name, value);
        }
      }
      for (JsonNode merge : merges) {
        merge(object, merge, FieldPath.child(path, "<<"));
      }
      return object;
    }

    private void merge(ObjectNode into, JsonNode source, String path) {
      if (source.isArray()) {
        source.forEach(s -> merge(into, s, path));
        return;
      }
      if (!source.isObject()) {
        throw new Refused(
            FieldError.invalid(path, "a YAML merge key takes a mapping or a list of mappings"));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!into.has(e.getKey())) {
          into.set(e.getKey(), e.getValue());
        }
      }
    }

    private ArrayNode array(String path, int depth) throws IOException {
      ArrayNode array = NODES.arrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        array.add(build(FieldPath.index(path, array.size()), depth + 1));
      }
      return array;
    }
  }
}
