package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.ReplicaSetSpec;
import dev.shoal.manifests.model.ReplicaSetStatus;
import java.time.Instant;
import java.util.List;

/** {@code NAME DESIRED CURRENT READY AGE}, wide {@code CONTAINERS IMAGES SELECTOR}. */
final class ReplicaSetPrinter implements Printer<ReplicaSet> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.integer("Desired", "Replicas is the number of desired pods."),
          Column.integer("Current", "Replicas is the most recently observed number of replicas."),
          Column.integer("Ready", "The number of ready replicas for this replica set."),
          Column.age(),
          Column.wide("Containers", "Names of each container in the template."),
          Column.wide("Images", "Images referenced by each container in the template."),
          Column.wide(
              "Selector",
              "Selector is a label query over pods that should match the replica count."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ReplicaSet rs, Instant now) {
    ReplicaSetSpec spec = rs.spec();
    ReplicaSetStatus status =
        rs.status() == null ? new ReplicaSetStatus(0, 0, 0, 0, null) : rs.status();
    return List.of(
        rs.metadata().name(),
        spec == null || spec.replicas() == null ? 1L : (long) spec.replicas(),
        Cells.count(status.replicas()),
        Cells.count(status.readyReplicas()),
        Ages.since(rs.metadata().creationTimestamp(), now),
        Cells.containerNames(spec == null ? null : spec.template()),
        Cells.containerImages(spec == null ? null : spec.template()),
        Cells.selector(spec == null ? null : spec.selector()));
  }
}
