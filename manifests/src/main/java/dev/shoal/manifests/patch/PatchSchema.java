package dev.shoal.manifests.patch;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Where a strategic merge patch is in the model: the Java type of the value at a point of the tree,
 * read from the record components, so that each field's {@link FieldStrategy} can be looked up. A
 * field the model does not have has an unknown type: its lists are replaced whole and its objects
 * merged key by key (the decoder then reports the field).
 */
final class PatchSchema {
  static final PatchSchema UNKNOWN = new PatchSchema(Object.class);

  private final Type type;

  private PatchSchema(Type type) {
    this.type = type;
  }

  static PatchSchema of(Class<?> type) {
    return new PatchSchema(type);
  }

  /** The schema of a field's value (for a map, of any of its values). */
  PatchSchema field(String name) {
    if (type instanceof Class<?> c && c.isRecord()) {
      for (RecordComponent component : c.getRecordComponents()) {
        if (component.getName().equals(name)) {
          return new PatchSchema(component.getGenericType());
        }
      }
      return UNKNOWN;
    }
    if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
      return new PatchSchema(p.getActualTypeArguments()[1]);
    }
    return UNKNOWN;
  }

  /** The schema of a list's elements. */
  PatchSchema elements() {
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return new PatchSchema(p.getActualTypeArguments()[0]);
    }
    return UNKNOWN;
  }

  /** How the field {@code name} of this object merges. */
  FieldStrategy strategy(String name) {
    return type instanceof Class<?> c ? PatchRules.of(c, name) : FieldStrategy.REPLACE;
  }
}
