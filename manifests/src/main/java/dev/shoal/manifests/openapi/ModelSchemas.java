package dev.shoal.manifests.openapi;

import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.KindInfo;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.ResourceKinds;
import dev.shoal.manifests.patch.FieldStrategy;
import dev.shoal.manifests.patch.PatchRules;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code components.schemas} of an OpenAPI v3 document, generated from the model: a record is
 * an object with one property per component; lists, maps, numbers, times and int-or-strings map to
 * the OpenAPI types upstream uses. Kinds carry {@code x-kubernetes-group-version-kind}; lists carry
 * their patch strategy and merge key. Built once; the maps returned are not to be changed.
 */
public final class ModelSchemas {
  /** Every record under every kind, with the kind it is named after. */
  private static final Map<Class<?>, KindInfo> HOMES = homes();

  private ModelSchemas() {}

  /** The schemas reachable from {@code kinds}, by component name. */
  public static Map<String, Object> of(List<KindInfo> kinds) {
    Map<String, Object> schemas = new LinkedHashMap<>();
    Deque<Class<?>> pending = new ArrayDeque<>();
    kinds.forEach(k -> pending.add(k.type()));
    while (!pending.isEmpty()) {
      Class<?> type = pending.poll();
      String name = nameOf(type);
      if (!schemas.containsKey(name)) {
        schemas.put(name, objectSchema(type, pending));
      }
    }
    return schemas;
  }

  /** The component name of a kind's (or any model record's) schema. */
  public static String nameOf(Class<?> type) {
    KindInfo home = HOMES.get(type);
    if (home == null) {
      throw new IllegalArgumentException("not a type of the model: " + type.getName());
    }
    return SchemaNames.of(type, home);
  }

  /** {@code #/components/schemas/NAME}. */
  public static String refTo(Class<?> type) {
    return "#/components/schemas/" + nameOf(type);
  }

  private static Map<String, Object> objectSchema(Class<?> type, Deque<Class<?>> pending) {
    if (type == IntOrString.class) {
      return Map.of("type", "string", "format", "int-or-string");
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    KindInfo kind =
        Resource.class.isAssignableFrom(type)
            ? ResourceKinds.byClass(type.asSubclass(Resource.class)).orElse(null)
            : null;
    if (kind != null) {
      properties.put("apiVersion", Map.of("type", "string"));
      properties.put("kind", Map.of("type", "string"));
    }
    for (RecordComponent component : type.getRecordComponents()) {
      Map<String, Object> property =
          new LinkedHashMap<>(propertySchema(component.getGenericType(), pending));
      FieldStrategy strategy = PatchRules.of(type, component.getName());
      if (strategy.openApiStrategy() != null) {
        property.put("x-kubernetes-patch-strategy", strategy.openApiStrategy());
      }
      if (strategy.mergeKey() != null) {
        property.put("x-kubernetes-patch-merge-key", strategy.mergeKey());
        property.put("x-kubernetes-list-type", "map");
        property.put("x-kubernetes-list-map-keys", List.of(strategy.mergeKey()));
      } else if (strategy.merge()) {
        property.put("x-kubernetes-list-type", "set");
      }
      properties.put(component.getName(), property);
    }
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    if (kind != null) {
      schema.put(
          "x-kubernetes-group-version-kind",
          List.of(Map.of("group", kind.group(), "version", kind.version(), "kind", kind.kind())));
    }
    return schema;
  }

  private static Map<String, Object> propertySchema(Type type, Deque<Class<?>> pending) {
    if (type instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      if (raw == List.class) {
        return Map.of(
            "type", "array", "items", propertySchema(p.getActualTypeArguments()[0], pending));
      }
      if (raw == Map.class) {
        return Map.of(
            "type",
            "object",
            "additionalProperties",
            propertySchema(p.getActualTypeArguments()[1], pending));
      }
    }
    if (type == String.class) {
      return Map.of("type", "string");
    }
    if (type == Integer.class || type == int.class) {
      return Map.of("type", "integer", "format", "int32");
    }
    if (type == Long.class || type == long.class) {
      return Map.of("type", "integer", "format", "int64");
    }
    if (type == Boolean.class || type == boolean.class) {
      return Map.of("type", "boolean");
    }
    if (type == Instant.class) {
      return Map.of("type", "string", "format", "date-time");
    }
    if (type == com.fasterxml.jackson.databind.JsonNode.class) {
      // Free-form data (a ControllerRevision's), as upstream's RawExtension.
      return Map.of("type", "object", "x-kubernetes-preserve-unknown-fields", true);
    }
    if (type instanceof Class<?> c && (c.isRecord() || c == IntOrString.class)) {
      pending.add(c);
      return Map.of("allOf", List.of(Map.of("$ref", refTo(c))), "default", Map.of());
    }
    throw new IllegalStateException("no OpenAPI type for " + type.getTypeName());
  }

  private static Map<Class<?>, KindInfo> homes() {
    Map<Class<?>, KindInfo> homes = new HashMap<>();
    for (KindInfo kind : ResourceKinds.all()) {
      collect(kind.type(), kind, homes);
    }
    return homes;
  }

  private static void collect(Type type, KindInfo kind, Map<Class<?>, KindInfo> homes) {
    if (type instanceof ParameterizedType p) {
      for (Type argument : p.getActualTypeArguments()) {
        collect(argument, kind, homes);
      }
    } else if (type instanceof Class<?> c && c.isRecord() && !homes.containsKey(c)) {
      homes.put(c, kind);
      for (RecordComponent component : c.getRecordComponents()) {
        collect(component.getGenericType(), kind, homes);
      }
    }
  }
}
