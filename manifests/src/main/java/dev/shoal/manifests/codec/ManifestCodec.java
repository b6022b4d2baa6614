package dev.shoal.manifests.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.validation.FieldError;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Manifests in and out. Reading takes YAML or JSON, one document or many ({@code ---}, or a {@code
 * List} with {@code items}), picks the record by {@code apiVersion}/{@code kind}, and returns
 * {@link Decoded} values: never an exception for bad input. Writing gives Kubernetes-shaped JSON or
 * YAML.
 */
public final class ManifestCodec {
  private static final ObjectMapper YAML =
      Json.configure(
          YAMLMapper.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  private ManifestCodec() {}

  /**
   * Every document in the text, in order; a syntax error ends the list with a {@link
   * Decoded.Failed}.
   */
  public static List<Decoded> parseAll(byte[] text) {
    DocumentReader.Documents documents = DocumentReader.read(text);
    List<Decoded> decoded = new ArrayList<>();
    for (JsonNode tree : documents.trees()) {
      if (isList(tree)) {
        JsonNode items = tree.get("items");
        for (int i = 0; i < items.size(); i++) {
          decoded.add(prefixed("items[" + i + "]", decodeTree(items.get(i), null)));
        }
      } else {
        decoded.add(decodeTree(tree, null));
      }
    }
    if (documents.error() != null) {
      decoded.add(Decoded.failed(documents.error()));
    }
    return decoded;
  }

  /**
   * A request body that must hold exactly one object of the expected kind ({@code apiVersion} and
   * {@code kind} may be left out).
   */
  public static Decoded decode(byte[] body, KindInfo expected) {
    DocumentReader.Documents documents = DocumentReader.read(body);
    if (documents.error() != null) {
      return Decoded.failed(documents.error());
    }
    if (documents.trees().size() != 1) {
      return Decoded.failed(
          FieldError.invalid("", "expected exactly one object, found " + documents.trees().size()));
    }
    return decodeTree(documents.trees().get(0), expected);
  }

  public static Decoded decode(byte[] body, Class<? extends Resource> type) {
    return decode(body, kindOf(type));
  }

  /**
   * Applies a JSON merge patch (RFC 7386) to an object; the result is decoded again as the same
   * kind.
   */
  public static Decoded applyMergePatch(Resource current, byte[] patch) {
    DocumentReader.Documents documents = DocumentReader.read(patch);
    if (documents.error() != null) {
      return Decoded.failed(documents.error());
    }
    if (documents.trees().size() != 1 || !documents.trees().get(0).isObject()) {
      return Decoded.failed(FieldError.invalid("", "a merge patch must be one JSON object"));
    }
    JsonNode merged =
        MergePatch.apply(Json.mapper().valueToTree(current), documents.trees().get(0));
    return decodeTree(merged, ResourceKinds.of(current));
  }

  /**
   * A tree (a patched object, say) decoded as {@code expected}, with the same warnings and errors
   * as a request body.
   */
  public static Decoded decode(JsonNode tree, KindInfo expected) {
    return decodeTree(tree, expected);
  }

  /** The object as a JSON tree, in the form the API writes it. */
  public static JsonNode toTree(Resource resource) {
    return Json.mapper().valueToTree(resource);
  }

  public static String toJson(Resource resource) {
    return write(Json.mapper(), resource);
  }

  public static String toYaml(Resource resource) {
    return write(YAML, resource);
  }

  /** One tree to one typed resource. {@code expected} null means: any kind Shoal serves. */
  static Decoded decodeTree(JsonNode tree, KindInfo expected) {
    if (!tree.isObject()) {
      return Decoded.failed(FieldError.invalid("", "expected an object with apiVersion and kind"));
    }
    List<FieldError> errors = new ArrayList<>();
    String kind = text(tree, "kind", errors);
    String apiVersion = text(tree, "apiVersion", errors);
    if (!errors.isEmpty()) {
      return new Decoded.Failed(errors);
    }
    KindInfo info;
    if (expected != null) {
      if (kind != null && !kind.equals(expected.kind())) {
        return Decoded.failed(
            FieldError.invalid("kind", "expected " + expected.kind() + ", got " + kind));
      }
      info = expected;
    } else if (kind == null) {
      return Decoded.failed(FieldError.required("kind", "kind is required"));
    } else if (apiVersion == null) {
      return Decoded.failed(FieldError.required("apiVersion", "apiVersion is required"));
    } else {
      info = ResourceKinds.byKind(kind).orElse(null);
      if (info == null) {
        return Decoded.failed(
            FieldError.notSupported(
                "kind",
                "kind \""
                    + kind
                    + "\" is not supported; Shoal serves "
                    + ResourceKinds.all().stream()
                        .map(KindInfo::kind)
                        .distinct()
                        .collect(Collectors.joining(", "))));
      }
    }
    if (apiVersion != null && !apiVersion.equals(info.apiVersion())) {
      return Decoded.failed(
          FieldError.notSupported(
              "apiVersion",
              info.kind() + " is served as " + info.apiVersion() + ", not " + apiVersion));
    }
    return Binder.bind(tree, info.type());
  }

  private static String text(JsonNode tree, String field, List<FieldError> errors) {
    JsonNode value = tree.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add(FieldError.invalid(field, "expected string"));
      return null;
    }
    return value.textValue();
  }

  private static boolean isList(JsonNode tree) {
    JsonNode kind = tree.get("kind");
    return kind != null
        && kind.isTextual()
        && kind.textValue().endsWith("List")
        && tree.has("items")
        && tree.get("items").isArray();
  }

  private static Decoded prefixed(String prefix, Decoded decoded) {
    if (decoded instanceof Decoded.Failed failed) {
      return new Decoded.Failed(
          failed.errors().stream()
              .map(e -> new FieldError(FieldPath.child(prefix, e.field()), e.type(), e.message()))
              .toList());
    }
    Decoded.Ok ok = (Decoded.Ok) decoded;
    return new Decoded.Ok(
        ok.resource(),
        ok.warnings().stream()
            .map(w -> new Warning(FieldPath.child(prefix, w.field()), w.message()))
            .toList());
  }

  private static KindInfo kindOf(Class<? extends Resource> type) {
    return ResourceKinds.byClass(type)
        .orElseThrow(() -> new IllegalArgumentException("not a Shoal kind: " + type.getName()));
  }

  private static String write(ObjectMapper mapper, Resource resource) {
    try {
      return mapper.writeValueAsString(resource);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
