package dev.shoal.agent.controllers.autoscale;

import dev.shoal.agent.controllers.autoscale.ResourceMetricsSource.PodUsage;
import dev.shoal.manifests.model.HorizontalPodAutoscaler;
import dev.shoal.manifests.model.HorizontalPodAutoscalerBehavior;
import dev.shoal.manifests.model.HorizontalPodAutoscalerCondition;
import dev.shoal.manifests.model.HorizontalPodAutoscalerSpec;
import dev.shoal.manifests.model.HorizontalPodAutoscalerStatus;
import dev.shoal.manifests.model.MetricSpec;
import dev.shoal.manifests.model.MetricStatus;
import dev.shoal.manifests.model.MetricTarget;
import dev.shoal.manifests.model.MetricValueStatus;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One evaluation of one autoscaler, as upstream's {@code reconcileAutoscaler} decides it, without
 * I/O: from the target's scale, its pods and their usage to the replica count to write, the status,
 * the conditions and the events. The controller writes the scale and then calls {@link
 * Evaluation#rescaled} or {@link Evaluation#rescaleFailed}.
 */
public final class HpaReconciler {
  static final String ABLE = HorizontalPodAutoscalerCondition.ABLE_TO_SCALE;
  static final String ACTIVE = HorizontalPodAutoscalerCondition.SCALING_ACTIVE;
  static final String LIMITED = HorizontalPodAutoscalerCondition.SCALING_LIMITED;

  private final ReplicaCalculator calculator;
  private final Duration downscaleStabilization;

  public HpaReconciler(ReplicaCalculator calculator, Duration downscaleStabilization) {
    this.calculator = calculator;
    this.downscaleStabilization = downscaleStabilization;
  }

  /** The target's scale: its spec and status replicas. */
  public record Scale(int specReplicas, int statusReplicas) {}

  /** An event to record about the autoscaler. */
  public record Note(String type, String reason, String message) {}

  /** Pod usage as read, or why it could not be read. */
  public record Usage(List<PodUsage> pods, String error) {
    public static Usage of(List<PodUsage> pods) {
      return new Usage(pods, null);
    }

    public static Usage failed(String error) {
      return new Usage(List.of(), error);
    }
  }

  /** What one evaluation decided, and the status to write once the scale write is done. */
  public static final class Evaluation {
    private final HorizontalPodAutoscaler hpa;
    private final Conditions conditions;
    private final List<Note> events = new ArrayList<>();
    private final Instant now;
    private int current;
    private Integer desired;
    private boolean rescale;
    private String reason = "";
    private List<MetricStatus> metrics;
    private boolean keepDesired;
    private boolean scaled;
    private HorizontalPodAutoscalerBehavior behavior;

    Evaluation(HorizontalPodAutoscaler hpa, Instant now) {
      this.hpa = hpa;
      this.now = now;
      this.conditions =
          new Conditions(hpa.status() == null ? null : hpa.status().conditions(), now);
      this.metrics = hpa.status() == null ? null : hpa.status().currentMetrics();
    }

    /** Whether the target's replicas should be set to {@link #desired()}. */
    public boolean rescale() {
      return rescale;
    }

    public int desired() {
      return desired == null ? 0 : desired;
    }

    public int current() {
      return current;
    }

    public List<Note> events() {
      return List.copyOf(events);
    }

    /** The behavior (with defaults) the scale was limited by, for the scale-event history. */
    public HorizontalPodAutoscalerBehavior behavior() {
      return behavior;
    }

    /** The scale write succeeded. */
    public void rescaled() {
      scaled = true;
      conditions.set(
          ABLE,
          true,
          "SucceededRescale",
          "the HPA controller was able to update the target scale to " + desired());
      events.add(
          new Note(
              "Normal", "SuccessfulRescale", "New size: " + desired() + "; reason: " + reason));
    }

    /** The scale write failed with {@code error}. */
    public void rescaleFailed(String error) {
      events.add(
          new Note(
              "Warning",
              "FailedRescale",
              "New size: " + desired() + "; reason: " + reason + "; error: " + error));
      conditions.set(
          ABLE,
          false,
          "FailedUpdateScale",
          "the HPA controller was unable to update the target scale: " + error);
      keepDesired = true;
    }

    /** The status to store. */
    public HorizontalPodAutoscalerStatus status() {
      HorizontalPodAutoscalerStatus old = hpa.status();
      Integer desiredOut =
          keepDesired || desired == null ? (old == null ? null : old.desiredReplicas()) : desired;
      Instant lastScale = scaled ? now : (old == null ? null : old.lastScaleTime());
      return new HorizontalPodAutoscalerStatus(
          hpa.metadata().generation(),
          lastScale,
          current,
          desiredOut == null ? 0 : desiredOut,
          metrics == null || metrics.isEmpty() ? null : metrics,
          conditions.list());
    }
  }

  /** The target could not be read: AbleToScale False, nothing else decided. */
  public Evaluation failedGetScale(HorizontalPodAutoscaler hpa, String error, Instant now) {
    Evaluation e = new Evaluation(hpa, now);
    e.current =
        hpa.status() == null || hpa.status().currentReplicas() == null
            ? 0
            : hpa.status().currentReplicas();
    e.keepDesired = true;
    e.events.add(new Note("Warning", "FailedGetScale", error));
    e.conditions.set(
        ABLE,
        false,
        "FailedGetScale",
        "the HPA controller was unable to get the target's current scale: " + error);
    return e;
  }

  /**
   * Evaluates {@code hpa} against its target's {@code scale}, the target's {@code pods} and their
   * {@code usage}, with this autoscaler's {@code history}; {@code selectorError} is upstream's
   * SelectorRequired or InvalidSelector case.
   */
  public Evaluation evaluate(
      HorizontalPodAutoscaler hpa,
      Scale scale,
      String selectorError,
      List<Pod> pods,
      Usage usage,
      ScalingHistory history,
      Instant now) {
    Evaluation e = new Evaluation(hpa, now);
    HorizontalPodAutoscalerSpec spec = hpa.spec();
    e.current = scale.specReplicas();
    e.conditions.set(
        ABLE,
        true,
        "SucceededGetScale",
        "the HPA controller was able to get the target's current scale");
    int min = spec.minReplicasOrDefault();
    int max = spec.maxReplicas() == null ? 0 : spec.maxReplicas();
    if (e.current == 0 && min != 0) {
      e.desired = 0;
      e.conditions.set(
          ACTIVE,
          false,
          "ScalingDisabled",
          "scaling is disabled since the replica count of the target is zero");
    } else if (e.current > max) {
      e.reason = "Current number of replicas above Spec.MaxReplicas";
      e.desired = max;
    } else if (e.current < min) {
      e.reason = "Current number of replicas below Spec.MinReplicas";
      e.desired = min;
    } else {
      MetricsOutcome computed;
      if (selectorError != null) {
        computed = selectorFailure(e, selectorError, spec.metricsOrEmpty().size());
      } else {
        computed = computeMetrics(e, spec.metricsOrEmpty(), scale, pods, usage);
      }
      e.metrics = computed.statuses;
      if (computed.error != null && computed.replicas == -1) {
        e.keepDesired = true;
        e.events.add(new Note("Warning", "FailedComputeMetricsReplicas", computed.error));
        return e;
      }
      int desired = 0;
      String rescaleMetric = "";
      if (computed.replicas > desired) {
        desired = computed.replicas;
        rescaleMetric = computed.metricName;
      }
      if (desired > e.current) {
        e.reason = rescaleMetric + " above target";
      }
      if (desired < e.current) {
        e.reason = "All metrics below target";
      }
      e.behavior = ScalingBehavior.withDefaults(spec.behavior(), downscaleStabilization);
      ScalingBehavior.Outcome outcome =
          ScalingBehavior.normalize(history, e.behavior, min, max, e.current, desired, now);
      e.conditions.set(ABLE, true, outcome.ableReason(), outcome.ableMessage());
      e.conditions.set(LIMITED, outcome.limited(), outcome.limitReason(), outcome.limitMessage());
      e.desired = outcome.replicas();
    }
    e.rescale = e.desired != e.current;
    if (e.behavior == null) {
      e.behavior = ScalingBehavior.withDefaults(spec.behavior(), downscaleStabilization);
    }
    return e;
  }

  private record MetricsOutcome(
      int replicas, String metricName, List<MetricStatus> statuses, String error) {}

  private static MetricsOutcome selectorFailure(Evaluation e, String error, int count) {
    String reason =
        error.startsWith("the HPA target's scale is missing a selector")
            ? "SelectorRequired"
            : "InvalidSelector";
    e.events.add(new Note("Warning", reason, error));
    e.conditions.set(ACTIVE, false, reason, error);
    return new MetricsOutcome(-1, "", emptyStatuses(count), error);
  }

  private static List<MetricStatus> emptyStatuses(int count) {
    List<MetricStatus> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(new MetricStatus("", null, null, null, null, null));
    }
    return list;
  }

  /** Upstream's {@code computeReplicasForMetrics}: the largest proposal among valid metrics. */
  private MetricsOutcome computeMetrics(
      Evaluation e, List<MetricSpec> specs, Scale scale, List<Pod> pods, Usage usage) {
    List<MetricStatus> statuses = emptyStatuses(specs.size());
    int replicas = 0;
    String metricName = "";
    int invalid = 0;
    String firstError = null;
    String[] firstCondition = null;
    for (int i = 0; i < specs.size(); i++) {
      MetricSpec spec = specs.get(i);
      try {
        Proposal p = computeMetric(spec, scale, pods, usage, e.now);
        statuses.set(i, p.status);
        if (replicas == 0 || p.replicas > replicas) {
          replicas = p.replicas;
          metricName = p.name;
        }
      } catch (MetricFailure f) {
        e.events.add(new Note("Warning", f.reason, f.getMessage()));
        if (invalid == 0) {
          firstError = f.getMessage();
          firstCondition =
              new String[] {
                f.reason, "the HPA was unable to compute the replica count: " + f.getMessage()
              };
        }
        invalid++;
      }
    }
    String error =
        firstError == null
            ? null
            : "invalid metrics ("
                + invalid
                + " invalid out of "
                + specs.size()
                + "), first error is: "
                + firstError;
    if (invalid >= specs.size() || (invalid > 0 && replicas < scale.specReplicas())) {
      if (firstCondition != null) {
        e.conditions.set(ACTIVE, false, firstCondition[0], firstCondition[1]);
      }
      return new MetricsOutcome(-1, "", statuses, error == null ? "no metrics to scale on" : error);
    }
    e.conditions.set(
        ACTIVE,
        true,
        "ValidMetricFound",
        "the HPA was able to successfully calculate a replica count from " + metricName);
    return new MetricsOutcome(replicas, metricName, statuses, error);
  }

  private record Proposal(int replicas, String name, MetricStatus status) {}

  /** A metric that gave no proposal: the condition reason and upstream's error text. */
  private static final class MetricFailure extends Exception {
    final String reason;

    MetricFailure(String reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  private Proposal computeMetric(
      MetricSpec spec, Scale scale, List<Pod> pods, Usage usage, Instant now) throws MetricFailure {
    String type = spec.type() == null ? "" : spec.type();
    switch (type) {
      case MetricSpec.RESOURCE -> {
        return resource(
            "FailedGetResourceMetric",
            spec.resource().name(),
            null,
            spec.resource().target(),
            scale,
            pods,
            usage);
      }
      case MetricSpec.CONTAINER_RESOURCE -> {
        return resource(
            "FailedGetContainerResourceMetric",
            spec.containerResource().name(),
            spec.containerResource().container(),
            spec.containerResource().target(),
            scale,
            pods,
            usage);
      }
      case MetricSpec.PODS ->
          throw new MetricFailure(
              "FailedGetPodsMetric",
              "failed to get pods metric value: unable to get metric "
                  + spec.pods().metric().name()
                  + ": Shoal serves no custom metrics yet");
      case MetricSpec.OBJECT ->
          throw new MetricFailure(
              "FailedGetObjectMetric",
              "failed to get object metric value: unable to get metric "
                  + spec.object().metric().name()
                  + ": Shoal serves no custom metrics yet");
      case MetricSpec.EXTERNAL ->
          throw new MetricFailure(
              "FailedGetExternalMetric",
              "failed to get external metric value: unable to get external metric "
                  + spec.external().metric().name()
                  + ": Shoal serves no external metrics");
      default ->
          throw new MetricFailure(
              "InvalidMetricSourceType", "unknown metric source type \"" + type + "\"");
    }
  }

  private Proposal resource(
      String failReason,
      String resource,
      String container,
      MetricTarget target,
      Scale scale,
      List<Pod> pods,
      Usage usage)
      throws MetricFailure {
    boolean byContainer = container != null;
    boolean raw = target.averageValue() != null;
    String what = raw ? " usage: " : " utilization: ";
    try {
      if (usage.error() != null) {
        throw new CalculationException(
            "unable to get metrics for resource " + resource + ": " + usage.error());
      }
      Map<String, PodMetric> metrics = PodMetrics.of(usage.pods(), resource, container);
      Instant at = PodMetrics.timestamp(usage.pods());
      if (raw) {
        long targetMilli = Quantity.parse(target.averageValue()).value().milliValue();
        ReplicaCalculator.ValueProposal p =
            calculator.rawResourceReplicas(
                scale.specReplicas(), targetMilli, resource, pods, metrics, at);
        MetricValueStatus current =
            new MetricValueStatus(null, MilliQuantity.format(p.usage()), null);
        return new Proposal(
            p.replicas(),
            resource + (byContainer ? " container resource" : " resource"),
            byContainer
                ? MetricStatus.containerResource(resource, container, current)
                : MetricStatus.resource(resource, current));
      }
      if (target.averageUtilization() == null) {
        throw new CalculationException(
            "invalid resource metric source: neither an average utilization target nor an average"
                + " value (usage) target was set");
      }
      ReplicaCalculator.ResourceProposal p =
          calculator.resourceReplicas(
              scale.specReplicas(),
              target.averageUtilization(),
              resource,
              container,
              pods,
              metrics,
              at);
      MetricValueStatus current =
          new MetricValueStatus(null, MilliQuantity.format(p.rawAverage()), p.utilization());
      return new Proposal(
          p.replicas(),
          resource
              + (byContainer ? " container resource" : " resource")
              + " utilization (percentage of request)",
          byContainer
              ? MetricStatus.containerResource(resource, container, current)
              : MetricStatus.resource(resource, current));
    } catch (CalculationException ex) {
      throw new MetricFailure(failReason, "failed to get " + resource + what + ex.getMessage());
    }
  }
}
