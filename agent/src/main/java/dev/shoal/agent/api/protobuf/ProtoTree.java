package dev.shoal.agent.api.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.shoal.manifests.codec.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A decoded Kubernetes message as the JSON tree Go's encoder would write for the same object: field
 * names as in the {@code .proto} (they are the JSON names), maps as objects, bytes in base64,
 * apimachinery's special messages in their JSON forms (Time and MicroTime as RFC 3339, IntOrString
 * as a number or a string, Quantity as its string, RawExtension and FieldsV1 as the JSON they
 * carry), and the zeros Go writes for unset non-pointer fields left out ({@link GoFields}), and
 * embedded structs inlined.
 */
final class ProtoTree {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final DateTimeFormatter MICRO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private ProtoTree() {}

  static JsonNode of(Message message) throws ProtobufBodyException {
    String type = message.getDescriptorForType().getFullName();
    switch (type) {
      case META + "Time":
        return time(message, false);
      case META + "MicroTime":
        return time(message, true);
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
        return intOrString(message);
      case "k8s.io.apimachinery.pkg.api.resource.Quantity":
        return NODES.textNode((String) field(message, "string", ""));
      case "k8s.io.apimachinery.pkg.runtime.RawExtension":
        return embeddedJson((ByteString) field(message, "raw", ByteString.EMPTY), type);
      case META + "FieldsV1":
        return embeddedJson((ByteString) field(message, "Raw", ByteString.EMPTY), type);
      default:
        return object(message);
    }
  }

  private static ObjectNode object(Message message) throws ProtobufBodyException {
    ObjectNode node = NODES.objectNode();
    String type = message.getDescriptorForType().getFullName();
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      Object value = entry.getValue();
      if (field.isMapField()) {
        node.set(field.getName(), map((List<?>) value));
      } else if (field.isRepeated()) {
        ArrayNode array = node.putArray(field.getName());
        for (Object item : (List<?>) value) {
          array.add(value(field, item));
        }
      } else if (GoFields.isInline(type, field.getName())) {
        node.setAll((ObjectNode) of((Message) value));
      } else if (!isUnsetZero(type, field, value)) {
        node.set(field.getName(), value(field, value));
      }
    }
    return node;
  }

  /** A map field: repeated {@code key}/{@code value} entries. Empty values are kept. */
  private static ObjectNode map(List<?> entries) throws ProtobufBodyException {
    ObjectNode node = NODES.objectNode();
    for (Object item : entries) {
      Message entry = (Message) item;
      FieldDescriptor key = entry.getDescriptorForType().findFieldByName("key");
      FieldDescriptor value = entry.getDescriptorForType().findFieldByName("value");
      node.set(String.valueOf(entry.getField(key)), value(value, entry.getField(value)));
    }
    return node;
  }

  private static boolean isUnsetZero(String type, FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case STRING -> ((String) value).isEmpty();
      case BOOLEAN -> !((Boolean) value) && !GoFields.keepsZero(type, field.getName());
      case INT, LONG, FLOAT, DOUBLE ->
          ((Number) value).doubleValue() == 0 && !GoFields.keepsZero(type, field.getName());
      default -> false;
    };
  }

  private static JsonNode value(FieldDescriptor field, Object value) throws ProtobufBodyException {
    return switch (field.getJavaType()) {
      case MESSAGE -> of((Message) value);
      case STRING -> NODES.textNode((String) value);
      case BYTE_STRING ->
          NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case INT -> NODES.numberNode((Integer) value);
      case LONG -> NODES.numberNode((Long) value);
      case FLOAT -> NODES.numberNode((Float) value);
      case DOUBLE -> NODES.numberNode((Double) value);
      case ENUM -> NODES.textNode(value.toString());
    };
  }

  /**
   * Time as upstream reads it from protobuf: no field set is the zero time (JSON null), otherwise
   * whole seconds for Time, microseconds for MicroTime.
   */
  private static JsonNode time(Message message, boolean micro) {
    long seconds = (Long) field(message, "seconds", 0L);
    int nanos = (Integer) field(message, "nanos", 0);
    if (message.getAllFields().isEmpty()) {
      return NODES.nullNode();
    }
    Instant instant = Instant.ofEpochSecond(seconds, micro ? nanos / 1000 * 1000L : 0);
    return NODES.textNode(micro ? MICRO.format(instant) : instant.toString());
  }

  /** {@code type} 0 is {@code intVal}, 1 is {@code strVal}; upstream refuses any other. */
  private static JsonNode intOrString(Message message) throws ProtobufBodyException {
    long type = (Long) field(message, "type", 0L);
    if (type == 0) {
      return NODES.numberNode((Integer) field(message, "intVal", 0));
    }
    if (type == 1) {
      return NODES.textNode((String) field(message, "strVal", ""));
    }
    throw new ProtobufBodyException(
        "an IntOrString has type " + type + ", not 0 (int) or 1 (string)");
  }

  private static JsonNode embeddedJson(ByteString raw, String type) throws ProtobufBodyException {
    if (raw.isEmpty()) {
      return NODES.nullNode();
    }
    try {
      return Json.mapper().readTree(raw.toByteArray());
    } catch (IOException e) {
      throw new ProtobufBodyException("the " + type + " does not hold JSON: " + e.getMessage());
    }
  }

  private static Object field(Message message, String name, Object fallback) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    return field == null || !message.hasField(field) ? fallback : message.getField(field);
  }
}
