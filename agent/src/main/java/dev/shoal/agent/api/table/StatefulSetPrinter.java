package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.StatefulSet;
import java.time.Instant;
import java.util.List;

/** {@code NAME READY AGE} (ready of desired), wide {@code CONTAINERS IMAGES}, as upstream. */
final class StatefulSetPrinter implements Printer<StatefulSet> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Ready", "Number of the pod with ready state"),
          Column.age(),
          Column.wide("Containers", "Names of each container in the template."),
          Column.wide("Images", "Images referenced by each container in the template."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(StatefulSet s, Instant now) {
    int desired = s.spec() == null ? 0 : s.spec().replicasOrDefault();
    long ready = s.status() == null ? 0 : Cells.count(s.status().readyReplicas());
    return List.of(
        s.metadata().name(),
        ready + "/" + desired,
        Ages.since(s.metadata().creationTimestamp(), now),
        Cells.containerNames(s.spec() == null ? null : s.spec().template()),
        Cells.containerImages(s.spec() == null ? null : s.spec().template()));
  }
}
