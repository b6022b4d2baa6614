package dev.shoal.manifests.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.validation.FieldError;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Binds a JSON tree to a record class. Fields the record does not have become {@link Warning}s;
 * values of the wrong shape become {@link FieldError}s (all of them, not just the first), each with
 * its field path.
 */
final class Binder {
  private Binder() {}

  static Decoded bind(JsonNode tree, Class<? extends Resource> type) {
    Problems problems = new Problems();
    ObjectReader reader = Json.mapper().readerFor(type).withHandler(problems);
    Resource resource = null;
    try {
      resource = reader.readValue(tree);
    } catch (JsonMappingException e) {
      problems.errors.add(FieldError.invalid(FieldPath.of(e.getPath()), describe(e, tree)));
    } catch (IOException | RuntimeException e) {
      problems.errors.add(FieldError.invalid("", String.valueOf(e.getMessage())));
    }
    if (!problems.errors.isEmpty() || resource == null) {
      return new Decoded.Failed(
          problems.errors.isEmpty()
              ? List.of(FieldError.invalid("", "expected an object"))
              : problems.errors);
    }
    return new Decoded.Ok(resource, problems.warnings);
  }

  /** "expected integer, got string \"eighty\"", looking the offending value up in the tree. */
  private static String describe(JsonMappingException e, JsonNode tree) {
    JsonNode value = tree;
    for (JsonMappingException.Reference r : e.getPath()) {
      value =
          value == null
              ? null
              : r.getFieldName() != null ? value.get(r.getFieldName()) : value.get(r.getIndex());
    }
    String got = value == null ? "" : ", got " + describe(value);
    if (e instanceof InvalidNullException) {
      return "must not be null";
    }
    if (e.getCause() instanceof IllegalArgumentException && e.getCause().getMessage() != null) {
      return e.getCause().getMessage() + got;
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return "expected " + expected(m.getTargetType()) + got;
    }
    String message = e.getOriginalMessage();
    if (value != null && value.isNumber() && message.contains("out of range")) {
      return "number " + value.asText() + " is out of range";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      String text = value.textValue();
      return "string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
    if (value.isNumber()) {
      return "number " + value.asText();
    }
    return value.isBoolean()
        ? "boolean"
        : value.isArray() ? "list" : value.isObject() ? "object" : "null";
  }

  /** "integer", "string", ... as a user would call the expected value. */
  static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean";
    }
    if (type == String.class) {
      return "string";
    }
    if (type == Instant.class) {
      return "RFC 3339 time such as 2026-11-29T12:00:00Z";
    }
    if (type == IntOrString.class) {
      return "integer or string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "list";
    }
    return Map.class.isAssignableFrom(type) || type.isRecord() ? "object" : type.getSimpleName();
  }

  private static String got(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "object";
      case START_ARRAY -> "list";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> token.toString();
    };
  }

  /** Collects problems and lets binding go on, so one pass reports every field that is wrong. */
  private static final class Problems extends DeserializationProblemHandler {
    final List<Warning> warnings = new ArrayList<>();
    final List<FieldError> errors = new ArrayList<>();

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object beanOrClass,
        String propertyName)
        throws IOException {
      warnings.add(Warning.unknownField(FieldPath.of(p.getParsingContext(), p.currentToken())));
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> targetType, String value, String failureMsg) {
      return mismatch(
          ctxt.getParser(), targetType, describe(JsonNodeFactory.instance.textNode(value)));
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext ctxt, Class<?> targetType, Number value, String failureMsg) {
      return mismatch(ctxt.getParser(), targetType, "number " + value);
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt,
        JavaType targetType,
        JsonToken t,
        JsonParser p,
        String failureMsg)
        throws IOException {
      mismatch(p, targetType.getRawClass(), got(t));
      p.skipChildren();
      return null;
    }

    /** Records "expected X, got Y" at the parser's position; null stands in for the value. */
    private Object mismatch(JsonParser p, Class<?> expectedType, String got) {
      errors.add(
          FieldError.invalid(
              FieldPath.of(p.getParsingContext(), p.currentToken()),
              "expected " + expected(expectedType) + ", got " + got));
      return null;
    }
  }
}
