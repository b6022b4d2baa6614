package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.ConfigMap;
import java.time.Instant;
import java.util.List;

/** {@code NAME DATA AGE}: the number of keys, text and binary together, as upstream. */
final class ConfigMapPrinter implements Printer<ConfigMap> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.integer("Data", "The number of entries in the config map"),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ConfigMap cm, Instant now) {
    long keys =
        (cm.data() == null ? 0 : cm.data().size())
            + (cm.binaryData() == null ? 0 : cm.binaryData().size());
    return List.of(cm.metadata().name(), keys, Ages.since(cm.metadata().creationTimestamp(), now));
  }
}
