package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.DaemonSet;
import dev.shoal.manifests.model.DaemonSetSpec;
import dev.shoal.manifests.model.DaemonSetStatus;
import java.time.Instant;
import java.util.List;

/**
 * {@code NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE}, wide {@code CONTAINERS
 * IMAGES SELECTOR}.
 */
final class DaemonSetPrinter implements Printer<DaemonSet> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.integer(
              "Desired",
              "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod)."),
          Column.integer(
              "Current",
              "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod."),
          Column.integer(
              "Ready",
              "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition."),
          Column.integer(
              "Up-to-date", "The total number of nodes that are running updated daemon pod"),
          Column.integer(
              "Available",
              "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)"),
          Column.text(
              "Node Selector",
              "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
          Column.age(),
          Column.wide("Containers", "Names of each container in the template."),
          Column.wide("Images", "Images referenced by each container in the template."),
          Column.wide(
              "Selector",
              "A label query over pods that are managed by the daemon set. Must match in order to be controlled."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(DaemonSet d, Instant now) {
    DaemonSetSpec spec = d.spec();
    DaemonSetStatus status =
        d.status() == null ? new DaemonSetStatus(0, 0, 0, 0, null, 0, 0, 0) : d.status();
    return List.of(
        d.metadata().name(),
        Cells.count(status.desiredNumberScheduled()),
        Cells.count(status.currentNumberScheduled()),
        Cells.count(status.numberReady()),
        Cells.count(status.updatedNumberScheduled()),
        Cells.count(status.numberAvailable()),
        Cells.labels(
            spec == null || spec.template() == null || spec.template().spec() == null
                ? null
                : spec.template().spec().nodeSelector()),
        Ages.since(d.metadata().creationTimestamp(), now),
        Cells.containerNames(spec == null ? null : spec.template()),
        Cells.containerImages(spec == null ? null : spec.template()),
        Cells.selector(spec == null ? null : spec.selector()));
  }
}
