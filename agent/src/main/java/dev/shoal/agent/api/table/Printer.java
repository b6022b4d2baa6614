package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Resource;
import java.time.Instant;
import java.util.List;

/**
 * The columns of one kind and how an object of it fills them: one cell per column, wide columns
 * included (kubectl hides them unless asked for {@code -o wide}).
 */
public interface Printer<T extends Resource> {

  List<Column> columns();

  /** The cells of {@code object}'s row, ages measured at {@code now}. */
  List<Object> cells(T object, Instant now);

  /** Conditions of the row itself (upstream marks finished pods {@code Completed}). */
  default List<RowCondition> conditions(T object) {
    return List.of();
  }

  /** A condition of a Table row, as {@code meta.k8s.io/v1 TableRowCondition}. */
  record RowCondition(String type, String status, String reason, String message) {}
}
