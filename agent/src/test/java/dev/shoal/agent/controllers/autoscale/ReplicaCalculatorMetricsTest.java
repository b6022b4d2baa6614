package dev.shoal.agent.controllers.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.control.FakeClock;
import dev.shoal.manifests.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-pod (Pods), Object and External cases of upstream's replica_calculator_test.go: the same
 * formulas back the raw AverageValue resource targets and the metrics Shoal will add.
 */
class ReplicaCalculatorMetricsTest {
  static final FakeClock CLOCK = new FakeClock();
  static final ReplicaCalculator CALC =
      new ReplicaCalculator(0.1, Duration.ofMinutes(2), Duration.ofSeconds(10), CLOCK);

  enum Kind {
    PODS,
    OBJECT,
    OBJECT_PER_POD,
    EXTERNAL,
    EXTERNAL_PER_POD
  }

  static Arguments c(
      String name,
      Kind kind,
      int current,
      int expected,
      long[] levels,
      long target,
      long expectedUsage,
      String... readiness) {
    return Arguments.of(name, kind, current, expected, levels, target, expectedUsage, readiness);
  }

  static long[] l(long... values) {
    return values;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("ScaleUpCM", Kind.PODS, 3, 4, l(20000, 10000, 30000), 15000, 20000),
        c(
            "ScaleUpCMUnreadyHotCpuNoLessScale",
            Kind.PODS,
            3,
            6,
            l(50000, 10000, 30000),
            15000,
            30000,
            "True",
            "True",
            "False"),
        c(
            "ScaleUpCMUnreadyHotCpuScaleWouldScaleDown",
            Kind.PODS,
            3,
            7,
            l(50000, 15000, 30000),
            15000,
            31666,
            "False",
            "True",
            "False"),
        c("ScaleUpCMObject", Kind.OBJECT, 3, 4, l(20000), 15000, 20000),
        c("ScaleUpCMPerPodObject", Kind.OBJECT_PER_POD, 3, 4, l(20000), 5000, 6667),
        c(
            "ScaleUpCMObjectIgnoresUnreadyPods",
            Kind.OBJECT,
            3,
            5,
            l(50000),
            10000,
            50000,
            "False",
            "True",
            "False"),
        c("ScaleUpCMExternal", Kind.PODS, 1, 2, l(8600), 4400, 8600),
        c(
            "ScaleUpCMExternalIgnoresUnreadyPods",
            Kind.EXTERNAL,
            3,
            2,
            l(8600),
            4400,
            8600,
            "False",
            "True",
            "False"),
        c("ScaleUpCMExternalNoLabels", Kind.PODS, 1, 2, l(8600), 4400, 8600),
        c("ScaleUpPerPodCMExternal", Kind.EXTERNAL_PER_POD, 3, 4, l(8600), 2150, 2867),
        c("ScaleDownCM", Kind.PODS, 5, 3, l(12000, 12000, 12000, 12000, 12000), 20000, 12000),
        c("ScaleDownPerPodCMObject", Kind.OBJECT_PER_POD, 5, 3, l(6000), 2000, 1200),
        c("ScaleDownCMObject", Kind.OBJECT, 5, 3, l(12000), 20000, 12000),
        c("ScaleDownCMExternal", Kind.EXTERNAL, 5, 3, l(8600), 14334, 8600),
        c("ScaleDownPerPodCMExternal", Kind.EXTERNAL_PER_POD, 5, 3, l(8600), 2867, 1720),
        c("ToleranceCM", Kind.PODS, 3, 3, l(20000, 21000, 21000), 20000, 20666),
        c("ToleranceCMObject", Kind.OBJECT, 3, 3, l(20666), 20000, 20666),
        c("TolerancePerPodCMObject", Kind.OBJECT_PER_POD, 4, 4, l(20166), 5000, 5042),
        c("ToleranceCMExternal", Kind.EXTERNAL, 3, 3, l(8600), 8888, 8600),
        c("TolerancePerPodCMExternal", Kind.EXTERNAL_PER_POD, 3, 3, l(8600), 2900, 2867));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void upstreamMetricCase(
      String name,
      Kind kind,
      int current,
      int expected,
      long[] levels,
      long target,
      long expectedUsage,
      String[] readiness)
      throws Exception {
    Instant now = CLOCK.instant();
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < current; i++) {
      String ready = i < readiness.length ? readiness[i] : "True";
      pods.add(CalcPods.pod(i, "cpu", null, ready, null, "Running", false, now));
    }
    ReplicaCalculator.ValueProposal p =
        switch (kind) {
          case PODS -> {
            Map<String, PodMetric> metrics = new HashMap<>();
            for (int i = 0; i < levels.length; i++) {
              metrics.put("test-pod-" + i, new PodMetric(levels[i], now, Duration.ofMinutes(1)));
            }
            yield CALC.podsMetricReplicas(current, target, pods, metrics, now);
          }
          case OBJECT -> CALC.objectReplicas(current, levels[0], target, pods, now);
          case OBJECT_PER_POD -> CALC.objectPerPodReplicas(current, levels[0], target, now);
          case EXTERNAL -> CALC.externalReplicas(current, List.of(levels[0]), target, pods, now);
          case EXTERNAL_PER_POD ->
              CALC.externalPerPodReplicas(current, List.of(levels[0]), target, now);
        };
    assertEquals(expected, p.replicas(), "replicas");
    assertEquals(expectedUsage, p.usage(), "usage");
  }
}
