package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Namespace;
import java.time.Instant;
import java.util.List;

/** {@code NAME STATUS AGE}. */
final class NamespacePrinter implements Printer<Namespace> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(), Column.text("Status", "The status of the namespace"), Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Namespace ns, Instant now) {
    String phase =
        ns.status() == null || ns.status().phase() == null ? "Active" : ns.status().phase();
    return List.of(
        ns.metadata().name(),
        ns.metadata().deletionTimestamp() != null ? "Terminating" : phase,
        Ages.since(ns.metadata().creationTimestamp(), now));
  }
}
