package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Pod;
import java.time.Instant;
import java.util.List;

/** {@code NAME READY STATUS RESTARTS AGE}, wide {@code IP NODE NOMINATED NODE READINESS GATES}. */
final class PodPrinter implements Printer<Pod> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Ready", "The aggregate readiness state of this pod for accepting traffic."),
          Column.text("Status", "The aggregate status of the containers in this pod."),
          Column.text(
              "Restarts",
              "The number of times the containers in this pod have been restarted and when the"
                  + " last container in this pod has restarted."),
          Column.age(),
          Column.wide(
              "IP", "IP address allocated to the pod. Routable at least within the cluster."),
          Column.wide("Node", "NodeName is a request to schedule this pod onto a specific node."),
          Column.wide(
              "Nominated Node",
              "nominatedNodeName is set when this pod preempts other pods on the node."),
          Column.wide("Readiness Gates", "If specified, all readiness gates will be evaluated."));

  private static final List<RowCondition> SUCCEEDED =
      List.of(
          new RowCondition(
              "Completed", "True", "Succeeded", "The pod has completed successfully."));
  private static final List<RowCondition> FAILED =
      List.of(new RowCondition("Completed", "True", "Failed", "The pod failed."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Pod pod, Instant now) {
    PodStatusText text = PodStatusText.of(pod);
    String ip = pod.status() == null ? null : pod.status().podIP();
    String node = pod.spec() == null ? null : pod.spec().nodeName();
    return List.of(
        pod.metadata().name(),
        text.ready() + "/" + text.total(),
        text.reason(),
        text.restartsText(now),
        Ages.since(pod.metadata().creationTimestamp(), now),
        Cells.orNone(ip),
        Cells.orNone(node),
        Cells.NONE, // Shoal does not preempt
        Cells.NONE); // nor has readiness gates
  }

  @Override
  public List<RowCondition> conditions(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return "Succeeded".equals(phase) ? SUCCEEDED : "Failed".equals(phase) ? FAILED : List.of();
  }
}
