package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Resource;
import java.time.Instant;
import java.util.List;

/**
 * {@code NAME AGE}: the columns of a kind without a printer of its own, as for custom resources.
 */
final class NameAgePrinter implements Printer<Resource> {

  private static final List<Column> COLUMNS = List.of(Column.objectName(), Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Resource object, Instant now) {
    return List.of(
        object.metadata().name(), Ages.since(object.metadata().creationTimestamp(), now));
  }
}
