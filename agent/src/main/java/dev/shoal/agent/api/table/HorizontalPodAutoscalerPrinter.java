package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.ContainerResourceMetricStatus;
import dev.shoal.manifests.model.HorizontalPodAutoscaler;
import dev.shoal.manifests.model.HorizontalPodAutoscalerSpec;
import dev.shoal.manifests.model.MetricSpec;
import dev.shoal.manifests.model.MetricStatus;
import dev.shoal.manifests.model.MetricTarget;
import dev.shoal.manifests.model.MetricValueStatus;
import dev.shoal.manifests.model.ResourceMetricStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE}, with upstream's targets text: {@code
 * cpu: 42%/50%}, {@code memory: 120Mi/100Mi}, {@code <unknown>} before a first reading, the first
 * two metrics and {@code + N more...}.
 */
final class HorizontalPodAutoscalerPrinter implements Printer<HorizontalPodAutoscaler> {
  static final String UNKNOWN = "<unknown>";
  private static final int SHOWN = 2;

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text(
              "Reference",
              "scaleTargetRef points to the target resource to scale, and is used to the pods for"
                  + " which metrics should be collected, as well as to actually change the replica"
                  + " count."),
          Column.text(
              "Targets",
              "metrics contains the specifications for which to use to calculate the desired"
                  + " replica count (the maximum replica count across all metrics will be used)."),
          Column.text(
              "MinPods",
              "minReplicas is the lower limit for the number of replicas to which the autoscaler"
                  + " can scale down. It defaults to 1 pod."),
          Column.text(
              "MaxPods",
              "maxReplicas is the upper limit for the number of replicas to which the autoscaler"
                  + " can scale up. It cannot be less that minReplicas."),
          Column.text(
              "Replicas",
              "currentReplicas is current number of replicas of pods managed by this autoscaler,"
                  + " as last seen by the autoscaler."),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(HorizontalPodAutoscaler hpa, Instant now) {
    HorizontalPodAutoscalerSpec spec = hpa.spec();
    String reference =
        spec == null || spec.scaleTargetRef() == null
            ? "/"
            : spec.scaleTargetRef().kind() + "/" + spec.scaleTargetRef().name();
    List<MetricStatus> current =
        hpa.status() == null || hpa.status().currentMetrics() == null
            ? List.of()
            : hpa.status().currentMetrics();
    Integer replicas = hpa.status() == null ? null : hpa.status().currentReplicas();
    return List.of(
        hpa.metadata().name(),
        reference,
        targets(spec == null ? List.of() : spec.metricsOrEmpty(), current),
        spec == null || spec.minReplicas() == null ? "<unset>" : String.valueOf(spec.minReplicas()),
        (long) (spec == null || spec.maxReplicas() == null ? 0 : spec.maxReplicas()),
        Cells.count(replicas),
        Ages.since(hpa.metadata().creationTimestamp(), now));
  }

  static String targets(List<MetricSpec> specs, List<MetricStatus> statuses) {
    if (specs.isEmpty()) {
      return Cells.NONE;
    }
    List<String> list = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      MetricStatus status = i < statuses.size() ? statuses.get(i) : null;
      list.add(target(specs.get(i), status));
    }
    if (list.size() > SHOWN) {
      return String.join(", ", list.subList(0, SHOWN)) + " + " + (list.size() - SHOWN) + " more...";
    }
    return String.join(", ", list);
  }

  private static String target(MetricSpec spec, MetricStatus status) {
    String type = spec.type() == null ? "" : spec.type();
    switch (type) {
      case MetricSpec.RESOURCE -> {
        ResourceMetricStatus s = status == null ? null : status.resource();
        return resource(
            spec.resource().name(), spec.resource().target(), s == null ? null : s.current());
      }
      case MetricSpec.CONTAINER_RESOURCE -> {
        ContainerResourceMetricStatus s = status == null ? null : status.containerResource();
        return resource(
            spec.containerResource().name(),
            spec.containerResource().target(),
            s == null ? null : s.current());
      }
      case MetricSpec.PODS -> {
        MetricValueStatus c =
            status == null || status.pods() == null ? null : status.pods().current();
        return (c == null || c.averageValue() == null ? UNKNOWN : c.averageValue())
            + "/"
            + spec.pods().target().averageValue();
      }
      case MetricSpec.OBJECT -> {
        MetricValueStatus c =
            status == null || status.object() == null ? null : status.object().current();
        return plain(spec.object().target(), c);
      }
      case MetricSpec.EXTERNAL -> {
        MetricValueStatus c =
            status == null || status.external() == null ? null : status.external().current();
        return plain(spec.external().target(), c);
      }
      default -> {
        return "<unknown type>";
      }
    }
  }

  private static String resource(String name, MetricTarget target, MetricValueStatus current) {
    if (target != null && target.averageValue() != null) {
      String now =
          current == null || current.averageValue() == null ? UNKNOWN : current.averageValue();
      return name + ": " + now + "/" + target.averageValue();
    }
    String now =
        current == null || current.averageUtilization() == null
            ? UNKNOWN
            : current.averageUtilization() + "%";
    String goal =
        target == null || target.averageUtilization() == null
            ? "<auto>"
            : target.averageUtilization() + "%";
    return name + ": " + now + "/" + goal;
  }

  private static String plain(MetricTarget target, MetricValueStatus current) {
    if (target != null && target.averageValue() != null) {
      String now =
          current == null || current.averageValue() == null ? UNKNOWN : current.averageValue();
      return now + "/" + target.averageValue() + " (avg)";
    }
    String now = current == null || current.value() == null ? UNKNOWN : current.value();
    return now + "/" + (target == null ? UNKNOWN : target.value());
  }
}
