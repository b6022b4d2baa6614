package dev.shoal.agent.controllers.autoscale;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Quantity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's replica calculator: from the target's pods and their metrics to a replica count. A
 * change within {@code tolerance} of the target is no change; pods without a metric count as 100%
 * of their request (or of the target, if higher) on a scale-down and 0% on a scale-up; unready pods
 * count as 0% on a scale-up and are left out otherwise; a result that would reverse the direction
 * once those guesses are in keeps the current count. Values are thousandths (milli-units) as in
 * upstream.
 */
public final class ReplicaCalculator {
  public static final double DEFAULT_TOLERANCE = 0.1;
  public static final Duration DEFAULT_CPU_INITIALIZATION_PERIOD = Duration.ofMinutes(5);
  public static final Duration DEFAULT_INITIAL_READINESS_DELAY = Duration.ofSeconds(30);

  private final double tolerance;
  private final Duration cpuInitializationPeriod;
  private final Duration delayOfInitialReadinessStatus;
  private final Clock clock;

  public ReplicaCalculator(
      double tolerance,
      Duration cpuInitializationPeriod,
      Duration delayOfInitialReadinessStatus,
      Clock clock) {
    this.tolerance = tolerance;
    this.cpuInitializationPeriod = cpuInitializationPeriod;
    this.delayOfInitialReadinessStatus = delayOfInitialReadinessStatus;
    this.clock = clock;
  }

  public static ReplicaCalculator defaults(Clock clock) {
    return new ReplicaCalculator(
        DEFAULT_TOLERANCE,
        DEFAULT_CPU_INITIALIZATION_PERIOD,
        DEFAULT_INITIAL_READINESS_DELAY,
        clock);
  }

  /** A utilization proposal: the count, the average utilization in percent, the raw average. */
  public record ResourceProposal(
      int replicas, int utilization, long rawAverage, Instant timestamp) {}

  /** A plain-value proposal: the count and the current (average) value. */
  public record ValueProposal(int replicas, long usage, Instant timestamp) {}

  /**
   * Replicas for a target average utilization (percent of request) of {@code resource}, summed over
   * all containers or, with {@code container}, that one only.
   */
  public ResourceProposal resourceReplicas(
      int currentReplicas,
      int targetUtilization,
      String resource,
      String container,
      List<Pod> pods,
      Map<String, PodMetric> podMetrics,
      Instant timestamp)
      throws CalculationException {
    if (pods.isEmpty()) {
      throw new CalculationException(
          "no pods returned by selector while calculating replica count");
    }
    Map<String, PodMetric> metrics = new HashMap<>(podMetrics);
    PodGroups groups = group(pods, metrics, resource);
    groups.ignored().forEach(metrics::remove);
    groups.unready().forEach(metrics::remove);
    if (metrics.isEmpty()) {
      throw new CalculationException(
          "did not receive metrics for targeted pods (pods might be unready)");
    }
    Map<String, Long> requests = requests(pods, container, resource);
    Utilization first = utilization(metrics, requests, targetUtilization);
    double ratio = first.ratio();
    boolean scaleUpWithUnready = !groups.unready().isEmpty() && ratio > 1.0;
    if (!scaleUpWithUnready && groups.missing().isEmpty()) {
      if (Math.abs(1.0 - ratio) <= tolerance) {
        return new ResourceProposal(
            currentReplicas, first.percent(), first.rawAverage(), timestamp);
      }
      return new ResourceProposal(
          ceil(ratio * groups.readyCount()), first.percent(), first.rawAverage(), timestamp);
    }
    if (!groups.missing().isEmpty()) {
      if (ratio < 1.0) {
        long fallback = Math.max(100, targetUtilization);
        for (String pod : groups.missing()) {
          metrics.put(pod, new PodMetric(requests.get(pod) * fallback / 100, null, null));
        }
      } else if (ratio > 1.0) {
        groups.missing().forEach(pod -> metrics.put(pod, new PodMetric(0, null, null)));
      }
    }
    if (scaleUpWithUnready) {
      groups.unready().forEach(pod -> metrics.put(pod, new PodMetric(0, null, null)));
    }
    double newRatio = utilization(metrics, requests, targetUtilization).ratio();
    if (Math.abs(1.0 - newRatio) <= tolerance
        || (ratio < 1.0 && newRatio > 1.0)
        || (ratio > 1.0 && newRatio < 1.0)) {
      return new ResourceProposal(currentReplicas, first.percent(), first.rawAverage(), timestamp);
    }
    int proposed = ceil(newRatio * metrics.size());
    if ((newRatio < 1.0 && proposed > currentReplicas)
        || (newRatio > 1.0 && proposed < currentReplicas)) {
      return new ResourceProposal(currentReplicas, first.percent(), first.rawAverage(), timestamp);
    }
    return new ResourceProposal(proposed, first.percent(), first.rawAverage(), timestamp);
  }

  /** Replicas for a target average value (milli-units) of {@code resource} per pod. */
  public ValueProposal rawResourceReplicas(
      int currentReplicas,
      long targetAverage,
      String resource,
      List<Pod> pods,
      Map<String, PodMetric> podMetrics,
      Instant timestamp)
      throws CalculationException {
    return plainMetricReplicas(
        currentReplicas, targetAverage, resource, pods, podMetrics, timestamp);
  }

  /** Replicas for a per-pod metric (Pods source) with a target average value. */
  public ValueProposal podsMetricReplicas(
      int currentReplicas,
      long targetAverage,
      List<Pod> pods,
      Map<String, PodMetric> podMetrics,
      Instant timestamp)
      throws CalculationException {
    return plainMetricReplicas(currentReplicas, targetAverage, "", pods, podMetrics, timestamp);
  }

  private ValueProposal plainMetricReplicas(
      int currentReplicas,
      long target,
      String resource,
      List<Pod> pods,
      Map<String, PodMetric> podMetrics,
      Instant timestamp)
      throws CalculationException {
    if (pods.isEmpty()) {
      throw new CalculationException(
          "no pods returned by selector while calculating replica count");
    }
    Map<String, PodMetric> metrics = new HashMap<>(podMetrics);
    PodGroups groups = group(pods, metrics, resource);
    groups.ignored().forEach(metrics::remove);
    groups.unready().forEach(metrics::remove);
    if (metrics.isEmpty()) {
      throw new CalculationException(
          "did not receive metrics for targeted pods (pods might be unready)");
    }
    long usage = average(metrics);
    double ratio = (double) usage / target;
    boolean scaleUpWithUnready = !groups.unready().isEmpty() && ratio > 1.0;
    if (!scaleUpWithUnready && groups.missing().isEmpty()) {
      if (Math.abs(1.0 - ratio) <= tolerance) {
        return new ValueProposal(currentReplicas, usage, timestamp);
      }
      return new ValueProposal(ceil(ratio * groups.readyCount()), usage, timestamp);
    }
    if (!groups.missing().isEmpty()) {
      long fill = ratio < 1.0 ? target : 0;
      groups.missing().forEach(pod -> metrics.put(pod, new PodMetric(fill, null, null)));
    }
    if (scaleUpWithUnready) {
      groups.unready().forEach(pod -> metrics.put(pod, new PodMetric(0, null, null)));
    }
    double newRatio = (double) average(metrics) / target;
    if (Math.abs(1.0 - newRatio) <= tolerance
        || (ratio < 1.0 && newRatio > 1.0)
        || (ratio > 1.0 && newRatio < 1.0)) {
      return new ValueProposal(currentReplicas, usage, timestamp);
    }
    int proposed = ceil(newRatio * metrics.size());
    if ((newRatio < 1.0 && proposed > currentReplicas)
        || (newRatio > 1.0 && proposed < currentReplicas)) {
      return new ValueProposal(currentReplicas, usage, timestamp);
    }
    return new ValueProposal(proposed, usage, timestamp);
  }

  /**
   * Replicas for one object's metric (Object source, target Value): the ratio of value to target
   * times the ready pods; from zero replicas, the ratio alone.
   */
  public ValueProposal objectReplicas(
      int currentReplicas, long usage, long target, List<Pod> pods, Instant timestamp)
      throws CalculationException {
    return new ValueProposal(
        usageRatioReplicas(currentReplicas, (double) usage / target, pods), usage, timestamp);
  }

  /** Replicas for one object's metric divided among the pods (Object source, AverageValue). */
  public ValueProposal objectPerPodReplicas(
      int statusReplicas, long usage, long targetPerPod, Instant timestamp) {
    int replicas = statusReplicas;
    double ratio = (double) usage / ((double) targetPerPod * replicas);
    if (Math.abs(1.0 - ratio) > tolerance) {
      replicas = ceil((double) usage / targetPerPod);
    }
    long perPod = (long) Math.ceil((double) usage / statusReplicas);
    return new ValueProposal(replicas, perPod, timestamp);
  }

  /** External source, target Value: the values summed, then as {@link #objectReplicas}. */
  public ValueProposal externalReplicas(
      int currentReplicas, List<Long> values, long target, List<Pod> pods, Instant timestamp)
      throws CalculationException {
    long usage = values.stream().mapToLong(Long::longValue).sum();
    return objectReplicas(currentReplicas, usage, target, pods, timestamp);
  }

  /** External source, target AverageValue: the values summed, then per pod. */
  public ValueProposal externalPerPodReplicas(
      int statusReplicas, List<Long> values, long targetPerPod, Instant timestamp) {
    long usage = values.stream().mapToLong(Long::longValue).sum();
    return objectPerPodReplicas(statusReplicas, usage, targetPerPod, timestamp);
  }

  private int usageRatioReplicas(int currentReplicas, double ratio, List<Pod> pods)
      throws CalculationException {
    if (currentReplicas == 0) {
      return ceil(ratio);
    }
    if (Math.abs(1.0 - ratio) <= tolerance) {
      return currentReplicas;
    }
    if (pods.isEmpty()) {
      throw new CalculationException(
          "unable to calculate ready pods: no pods returned by selector while calculating replica"
              + " count");
    }
    long ready =
        pods.stream()
            .filter(p -> p.status() != null && "Running".equals(p.status().phase()))
            .filter(ReplicaCalculator::isReady)
            .count();
    return ceil(ratio * ready);
  }

  private static boolean isReady(Pod pod) {
    return pod.status().conditions() != null
        && pod.status().conditions().stream()
            .anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
  }

  PodGroups group(List<Pod> pods, Map<String, PodMetric> metrics, String resource) {
    return PodGroups.of(
        pods,
        metrics,
        resource,
        cpuInitializationPeriod,
        delayOfInitialReadinessStatus,
        clock.instant());
  }

  /** Per pod, the sum of its containers' requests of {@code resource} (or one container's). */
  static Map<String, Long> requests(List<Pod> pods, String container, String resource)
      throws CalculationException {
    Map<String, Long> requests = new HashMap<>();
    for (Pod pod : pods) {
      long sum = 0;
      List<Container> containers =
          pod.spec() == null || pod.spec().containers() == null
              ? List.of()
              : pod.spec().containers();
      for (Container c : containers) {
        if (container != null && !container.isEmpty() && !container.equals(c.name())) {
          continue;
        }
        String text =
            c.resources() == null || c.resources().requests() == null
                ? null
                : c.resources().requests().get(resource);
        if (text == null || !Quantity.parse(text).isOk()) {
          throw new CalculationException(
              "missing request for "
                  + resource
                  + " in container "
                  + c.name()
                  + " of Pod "
                  + pod.metadata().name());
        }
        sum += Quantity.parse(text).value().milliValue();
      }
      requests.put(pod.metadata().name(), sum);
    }
    return requests;
  }

  private record Utilization(double ratio, int percent, long rawAverage) {}

  private static Utilization utilization(
      Map<String, PodMetric> metrics, Map<String, Long> requests, int target)
      throws CalculationException {
    long metricsTotal = 0;
    long requestsTotal = 0;
    int entries = 0;
    for (Map.Entry<String, PodMetric> e : metrics.entrySet()) {
      Long request = requests.get(e.getKey());
      if (request == null) {
        continue; // a metric of a pod the target does not have
      }
      metricsTotal += e.getValue().value();
      requestsTotal += request;
      entries++;
    }
    if (requestsTotal == 0) {
      throw new CalculationException("no metrics returned matched known pods");
    }
    int percent = (int) (metricsTotal * 100 / requestsTotal);
    return new Utilization((double) percent / target, percent, metricsTotal / entries);
  }

  private static long average(Map<String, PodMetric> metrics) {
    long total = 0;
    for (PodMetric m : metrics.values()) {
      total += m.value();
    }
    return total / metrics.size();
  }

  private static int ceil(double value) {
    return (int) Math.ceil(value);
  }
}
