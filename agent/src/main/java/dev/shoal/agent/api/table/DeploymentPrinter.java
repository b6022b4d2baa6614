package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentSpec;
import dev.shoal.manifests.model.DeploymentStatus;
import java.time.Instant;
import java.util.List;

/** {@code NAME READY UP-TO-DATE AVAILABLE AGE}, wide {@code CONTAINERS IMAGES SELECTOR}. */
final class DeploymentPrinter implements Printer<Deployment> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Ready", "Number of the pod with ready state"),
          Column.integer(
              "Up-to-date",
              "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
          Column.integer(
              "Available",
              "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
          Column.age(),
          Column.wide("Containers", "Names of each container in the template."),
          Column.wide("Images", "Images referenced by each container in the template."),
          Column.wide(
              "Selector",
              "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Deployment d, Instant now) {
    DeploymentSpec spec = d.spec();
    DeploymentStatus status =
        d.status() == null ? new DeploymentStatus(0, 0, 0, 0, 0, null, null) : d.status();
    long desired = spec == null || spec.replicas() == null ? 1 : spec.replicas();
    return List.of(
        d.metadata().name(),
        Cells.count(status.readyReplicas()) + "/" + desired,
        Cells.count(status.updatedReplicas()),
        Cells.count(status.availableReplicas()),
        Ages.since(d.metadata().creationTimestamp(), now),
        Cells.containerNames(spec == null ? null : spec.template()),
        Cells.containerImages(spec == null ? null : spec.template()),
        Cells.selector(spec == null ? null : spec.selector()));
  }
}
