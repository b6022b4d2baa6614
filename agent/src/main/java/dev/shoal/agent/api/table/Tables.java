package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code meta.k8s.io Table} bodies: column definitions, then one row per object with its
 * cells, its row conditions, and (per {@link TableRequest#include()}) its PartialObjectMetadata,
 * from which kubectl adds the NAMESPACE and {@code -L} label columns.
 */
public final class Tables {

  private Tables() {}

  /**
   * The Table of {@code objects} of {@code type}; {@code headers} false leaves out the column
   * definitions (every watch event after the first, as upstream).
   */
  public static Map<String, Object> of(
      TableRequest request,
      Class<? extends Resource> type,
      List<? extends Resource> objects,
      String resourceVersion,
      boolean headers,
      Instant now) {
    Printer<Resource> printer = Printers.of(type);
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("kind", "Table");
    table.put("apiVersion", request.apiVersion());
    table.put(
        "metadata",
        resourceVersion == null ? Map.of() : Map.of("resourceVersion", resourceVersion));
    table.put("columnDefinitions", headers ? definitions(printer.columns()) : List.of());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Resource object : objects) {
      rows.add(row(request, printer, object, now));
    }
    table.put("rows", rows);
    return table;
  }

  private static List<Map<String, Object>> definitions(List<Column> columns) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Column c : columns) {
      Map<String, Object> definition = new LinkedHashMap<>();
      definition.put("name", c.name());
      definition.put("type", c.type());
      definition.put("format", c.format());
      definition.put("description", c.description());
      definition.put("priority", c.priority());
      out.add(definition);
    }
    return out;
  }

  private static Map<String, Object> row(
      TableRequest request, Printer<Resource> printer, Resource object, Instant now) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("cells", printer.cells(object, now));
    List<Printer.RowCondition> conditions = printer.conditions(object);
    if (!conditions.isEmpty()) {
      row.put("conditions", conditions);
    }
    switch (request.include()) {
      case METADATA -> row.put("object", partial(object, request.apiVersion()));
      case OBJECT -> row.put("object", object);
      case NONE -> {}
    }
    return row;
  }

  private static Map<String, Object> partial(Resource object, String apiVersion) {
    Map<String, Object> partial = new LinkedHashMap<>();
    partial.put("kind", "PartialObjectMetadata");
    partial.put("apiVersion", apiVersion);
    partial.put("metadata", object.metadata());
    return partial;
  }
}
