package dev.shoal.agent.controllers.autoscale;

import static dev.shoal.agent.controllers.autoscale.CalcPods.CONTAINERS;
import static dev.shoal.agent.controllers.autoscale.CalcPods.COOL;
import static dev.shoal.agent.controllers.autoscale.CalcPods.HOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.FakeClock;
import dev.shoal.manifests.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The resource cases of upstream's replica_calculator_test.go, case for case (same names, pods,
 * requests, levels and expectations), with upstream's testing periods: CPU initialization 2 min,
 * initial readiness delay 10 s.
 */
class ReplicaCalculatorTest {
  static final FakeClock CLOCK = new FakeClock();
  static final ReplicaCalculator CALC =
      new ReplicaCalculator(0.1, Duration.ofMinutes(2), Duration.ofSeconds(10), CLOCK);

  /** One upstream resource case. */
  static final class Case {
    final String name;
    int current;
    int expected;
    String error;
    String resource = "cpu";
    List<String> requests = List.of();
    long[] levels = {};
    List<String> podNames = List.of();
    int target;
    int utilization;
    long value;
    List<String> readiness = List.of();
    List<String> starts = List.of();
    List<String> phases = List.of();
    List<Boolean> deleting = List.of();

    Case(String name) {
      this.name = name;
    }

    Case replicas(int from, int to) {
      current = from;
      expected = to;
      return this;
    }

    Case error(int from, String message) {
      current = from;
      error = message;
      return this;
    }

    Case requests(String... values) {
      requests = List.of(values);
      return this;
    }

    Case levels(long... values) {
      levels = values;
      return this;
    }

    Case podNames(String... values) {
      podNames = List.of(values);
      return this;
    }

    Case target(int percent, int expectUtilization, long expectValue) {
      target = percent;
      utilization = expectUtilization;
      value = expectValue;
      return this;
    }

    Case ready(String... values) {
      readiness = List.of(values);
      return this;
    }

    Case starts(String... values) {
      starts = List.of(values);
      return this;
    }

    Case phases(String... values) {
      phases = List.of(values);
      return this;
    }

    Case deleting(Boolean... values) {
      deleting = List.of(values);
      return this;
    }

    /** Shoal's own case: the same rules on memory (milli-bytes). */
    Case memory() {
      resource = "memory";
      return this;
    }

    @Override
    public String toString() {
      return name;
    }

    List<Pod> pods(Instant now) {
      int count = Math.max(current, phases.size());
      List<Pod> pods = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        pods.add(
            CalcPods.pod(
                i,
                resource,
                i < requests.size() ? requests.get(i) : null,
                i < readiness.size() ? readiness.get(i) : "True",
                i < starts.size() ? starts.get(i) : null,
                i < phases.size() ? phases.get(i) : "Running",
                i < deleting.size() && deleting.get(i),
                now));
      }
      return pods;
    }

    List<String> metricPodNames() {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < levels.length; i++) {
        names.add(i < podNames.size() ? podNames.get(i) : "test-pod-" + i);
      }
      return names;
    }
  }

  static Case c(String name) {
    return new Case(name);
  }

  static Stream<Case> cases() {
    String one = "1.0";
    return Stream.of(
        c("DisjointResourcesMetrics")
            .error(1, "no metrics returned matched known pods")
            .requests(one)
            .levels(100)
            .podNames("an-older-pod-name")
            .target(100, 0, 0),
        c("ScaleUp")
            .replicas(3, 5)
            .requests(one, one, one)
            .levels(300, 500, 700)
            .target(30, 50, CONTAINERS * 500),
        c("ScaleUpUnreadyLessScale")
            .replicas(3, 4)
            .ready("False", "True", "True")
            .requests(one, one, one)
            .levels(300, 500, 700)
            .target(30, 60, CONTAINERS * 600),
        c("ScaleUpHotCpuLessScale")
            .replicas(3, 4)
            .starts(HOT, COOL, COOL)
            .requests(one, one, one)
            .levels(300, 500, 700)
            .target(30, 60, CONTAINERS * 600),
        c("ScaleUpUnreadyNoScale")
            .replicas(3, 3)
            .ready("True", "False", "False")
            .requests(one, one, one)
            .levels(400, 500, 700)
            .target(30, 40, CONTAINERS * 400),
        c("ScaleHotCpuNoScale")
            .replicas(3, 3)
            .ready("True", "False", "False")
            .starts(COOL, HOT, HOT)
            .requests(one, one, one)
            .levels(400, 500, 700)
            .target(30, 40, CONTAINERS * 400),
        c("ScaleUpIgnoresFailedPods")
            .replicas(2, 4)
            .ready("True", "True", "False", "False")
            .phases("Running", "Running", "Failed", "Failed")
            .requests(one, one, one, one)
            .levels(500, 700)
            .target(30, 60, CONTAINERS * 600),
        c("ScaleUpIgnoresDeletionPods")
            .replicas(2, 4)
            .ready("True", "True", "False", "False")
            .phases("Running", "Running", "Running", "Running")
            .deleting(false, false, true, true)
            .requests(one, one, one, one)
            .levels(500, 700)
            .target(30, 60, CONTAINERS * 600),
        c("ScaleDown")
            .replicas(5, 3)
            .requests(one, one, one, one, one)
            .levels(100, 300, 500, 250, 250)
            .target(50, 28, CONTAINERS * 280),
        c("ScaleDownIncludeUnreadyPods")
            .replicas(5, 2)
            .ready("True", "True", "True", "False", "False")
            .requests(one, one, one, one, one)
            .levels(100, 300, 500, 250, 250)
            .target(50, 30, CONTAINERS * 300),
        c("ScaleDownExcludeUnscheduledPods")
            .replicas(5, 1)
            .ready("True", "False", "False", "False", "False")
            .phases("Running", "Pending", "Pending", "Pending", "Pending")
            .requests(one, one, one, one, one)
            .levels(100)
            .target(50, 10, CONTAINERS * 100),
        c("ScaleDownIgnoreHotCpuPods")
            .replicas(5, 2)
            .starts(COOL, COOL, COOL, HOT, HOT)
            .requests(one, one, one, one, one)
            .levels(100, 300, 500, 250, 250)
            .target(50, 30, CONTAINERS * 300),
        c("ScaleDownIgnoresFailedPods")
            .replicas(5, 3)
            .ready("True", "True", "True", "True", "True", "False", "False")
            .phases("Running", "Running", "Running", "Running", "Running", "Failed", "Failed")
            .requests(one, one, one, one, one, one, one)
            .levels(100, 300, 500, 250, 250)
            .target(50, 28, CONTAINERS * 280),
        c("ScaleDownIgnoresDeletionPods")
            .replicas(5, 3)
            .ready("True", "True", "True", "True", "True", "False", "False")
            .phases("Running", "Running", "Running", "Running", "Running", "Running", "Running")
            .deleting(false, false, false, false, false, true, true)
            .requests(one, one, one, one, one, one, one)
            .levels(100, 300, 500, 250, 250)
            .target(50, 28, CONTAINERS * 280),
        c("Tolerance")
            .replicas(3, 3)
            .requests("0.9", "1.0", "1.1")
            .levels(1010, 1030, 1020)
            .target(100, 102, CONTAINERS * 1020),
        c("SuperfluousMetrics")
            .replicas(4, 24)
            .requests(one, one, one, one)
            .levels(4000, 9500, 3000, 7000, 3200, 2000)
            .target(100, 587, CONTAINERS * 5875),
        c("MissingMetrics")
            .replicas(4, 3)
            .requests(one, one, one, one)
            .levels(400, 95)
            .target(100, 24, 495),
        c("EmptyMetrics")
            .error(
                4,
                "unable to get metrics for resource cpu: no metrics returned from resource"
                    + " metrics API")
            .requests(one, one, one)
            .target(100, 0, 0),
        c("EmptyCPURequest").error(1, "missing request for").levels(200).target(100, 0, 0),
        c("MissingMetricsNoChangeEq")
            .replicas(2, 2)
            .requests(one, one)
            .levels(1000)
            .target(100, 100, CONTAINERS * 1000),
        c("MissingMetricsNoChangeGt")
            .replicas(2, 2)
            .requests(one, one)
            .levels(1900)
            .target(100, 190, CONTAINERS * 1900),
        c("MissingMetricsNoChangeLt")
            .replicas(2, 2)
            .requests(one, one)
            .levels(600)
            .target(100, 60, CONTAINERS * 600),
        c("MissingMetricsUnreadyChange")
            .replicas(3, 3)
            .ready("False", "True", "True")
            .requests(one, one, one)
            .levels(100, 450)
            .target(50, 45, CONTAINERS * 450),
        c("MissingMetricsHotCpuNoChange")
            .replicas(3, 3)
            .starts(HOT, COOL, COOL)
            .requests(one, one, one)
            .levels(100, 450)
            .target(50, 45, CONTAINERS * 450),
        c("MissingMetricsUnreadyScaleUp")
            .replicas(3, 4)
            .ready("False", "True", "True")
            .requests(one, one, one)
            .levels(100, 2000)
            .target(50, 200, CONTAINERS * 2000),
        c("MissingMetricsHotCpuScaleUp")
            .replicas(3, 4)
            .ready("False", "True", "True")
            .starts(HOT, COOL, COOL)
            .requests(one, one, one)
            .levels(100, 2000)
            .target(50, 200, CONTAINERS * 2000),
        c("MissingMetricsUnreadyScaleDown")
            .replicas(4, 3)
            .ready("False", "True", "True", "True")
            .requests(one, one, one, one)
            .levels(100, 100, 100)
            .target(50, 10, CONTAINERS * 100),
        c("DuringRollingUpdateWithMaxSurge")
            .replicas(2, 2)
            .phases("Running", "Running", "Running")
            .requests(one, one, one)
            .levels(100, 100)
            .target(50, 10, CONTAINERS * 100),
        c("MemoryScaleUp")
            .replicas(3, 5)
            .requests("1Gi", "1Gi", "1Gi")
            .levels(322122547, 536870912, 751619276)
            .target(30, 49, 1073741823333L)
            .memory());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void upstreamResourceCase(Case tc) throws Exception {
    Instant now = CLOCK.instant();
    Instant sampled = now;
    List<Pod> pods = tc.pods(now);
    if (tc.error != null) {
      CalculationException e =
          assertThrows(CalculationException.class, () -> run(tc, pods, now, sampled));
      assertTrue(e.getMessage().contains(tc.error), () -> e.getMessage() + " lacks " + tc.error);
      return;
    }
    ReplicaCalculator.ResourceProposal p = run(tc, pods, now, sampled);
    assertEquals(tc.expected, p.replicas(), "replicas");
    assertEquals(tc.utilization, p.utilization(), "utilization");
    assertEquals(tc.value, p.rawAverage(), "raw value");
    assertEquals(sampled, p.timestamp(), "timestamp");
  }

  private static ReplicaCalculator.ResourceProposal run(
      Case tc, List<Pod> pods, Instant now, Instant sampled) throws CalculationException {
    Map<String, PodMetric> metrics =
        PodMetrics.of(
            CalcPods.usage(
                tc.metricPodNames(), tc.levels, tc.resource, sampled, Duration.ofMinutes(1)),
            tc.resource,
            null);
    return CALC.resourceReplicas(tc.current, tc.target, tc.resource, null, pods, metrics, sampled);
  }

  /**
   * Upstream's TestReplicaCalcComputedToleranceAlgImplementation: a scale-down just past the
   * tolerance happens, one just inside it does not.
   */
  @org.junit.jupiter.api.Test
  void computedToleranceAlgorithm() throws Exception {
    int startPods = 10;
    long totalUsed = startPods * 150L;
    int totalRequested = (int) (2 * totalUsed);
    double requestedToUsed = (double) (totalRequested / (int) totalUsed);
    int perPodRequested = totalRequested / startPods;
    double target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + .01;
    int percentTarget = (int) (target * 100);
    double usedRatio = totalUsed / (totalRequested * target);
    int finalPods = (int) Math.ceil(usedRatio * startPods);
    long[] levels = new long[startPods];
    Arrays.fill(levels, totalUsed / 10);
    int[] offsets = {100, -100, 10, -10, 2, -2, 1, -1, 0, 0};
    String[] requests = new String[startPods];
    for (int i = 0; i < startPods; i++) {
      requests[i] = (perPodRequested + offsets[i]) + "m";
    }
    Case tc =
        c("ComputedToleranceAlgImplementation")
            .replicas(startPods, finalPods)
            .requests(requests)
            .levels(levels)
            .target(
                percentTarget,
                (int) (totalUsed * 100 / totalRequested),
                CONTAINERS * totalUsed / 10);
    upstreamResourceCase(tc);

    double closer = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + .004;
    tc.target = (int) (closer * 100);
    tc.expected = startPods;
    upstreamResourceCase(tc);
  }
}
