package dev.shoal.agent.controllers.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.control.FakeClock;
import dev.shoal.manifests.model.HPAScalingPolicy;
import dev.shoal.manifests.model.HPAScalingRules;
import dev.shoal.manifests.model.HorizontalPodAutoscalerBehavior;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behavior cases of upstream's horizontal_test.go: TestScalingWithRules (rate policies, min and
 * max, previous scale events), TestStoreScaleEvents (the outdated-slot reuse),
 * TestNormalizeDesiredReplicasWithBehavior (stabilization windows and the recommendation log) and
 * the scale-down limit with selectPolicy Min.
 */
class ScalingBehaviorTest {
  static final Instant NOW = FakeClock.START;

  /** Upstream's generateScalingRules: Pods then Percent policies, selectPolicy Max. */
  static HPAScalingRules rules(
      int pods, int podsPeriod, int percent, int percentPeriod, int window) {
    List<HPAScalingPolicy> policies = new ArrayList<>();
    if (pods != 0) {
      policies.add(new HPAScalingPolicy(HPAScalingPolicy.PODS, pods, podsPeriod));
    }
    if (percent != 0) {
      policies.add(new HPAScalingPolicy(HPAScalingPolicy.PERCENT, percent, percentPeriod));
    }
    return new HPAScalingRules(window, HPAScalingRules.MAX, policies.isEmpty() ? null : policies);
  }

  /** Upstream's generateEventsUniformDistribution: events spread over the last period. */
  static List<ScalingHistory.ScaleEvent> spread(int[] changes, int periodSeconds) {
    List<ScalingHistory.ScaleEvent> events = new ArrayList<>();
    double segment = (double) periodSeconds / changes.length;
    for (int i = 0; i < changes.length; i++) {
      long boundary = (long) (periodSeconds - segment * (i + 1) + segment / 2);
      events.add(new ScalingHistory.ScaleEvent(changes[i], NOW.minusSeconds(boundary)));
    }
    return events;
  }

  static int[] e(int... values) {
    return values;
  }

  static Arguments rate(
      String name,
      int[] ups,
      int[] downs,
      int min,
      int max,
      HPAScalingRules up,
      HPAScalingRules down,
      int current,
      int desired,
      int expected,
      String condition) {
    return Arguments.of(
        name, ups, downs, min, max, up, down, current, desired, expected, condition);
  }

  static Stream<Arguments> scalingWithRules() {
    int[] none = e();
    int[] ups159 = e(1, 5, 9);
    int[] ev = e(8, 12, 9, 11);
    return Stream.of(
        rate(
            "prenormalized desired replicas within range",
            none,
            none,
            3,
            8,
            null,
            null,
            5,
            7,
            7,
            "DesiredWithinRange"),
        rate(
            "prenormalized desired replicas < minReplicas",
            none,
            none,
            2,
            8,
            null,
            null,
            3,
            1,
            2,
            "TooFewReplicas"),
        rate(
            "prenormalized desired replicas within range when minReplicas is 0",
            none,
            none,
            0,
            10,
            null,
            null,
            1,
            0,
            0,
            "DesiredWithinRange"),
        rate(
            "maxReplicas is the limit because maxReplicas < scaleUpLimit",
            none,
            none,
            1,
            10,
            null,
            null,
            20,
            1000,
            10,
            "TooManyReplicas"),
        rate(
            "desired replica count is more than the maximum replica count",
            none,
            none,
            100,
            150,
            null,
            null,
            100,
            1000,
            150,
            "TooManyReplicas"),
        rate(
            "scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies",
            none,
            none,
            1,
            2000,
            rules(0, 0, 1, 60, 0),
            null,
            3,
            1000,
            4,
            "ScaleUpLimit"),
        rate(
            "scaleUp with default behavior",
            none,
            none,
            1,
            1000,
            null,
            null,
            10,
            50,
            20,
            "ScaleUpLimit"),
        rate(
            "scaleUp with pods policy larger than percent policy",
            none,
            none,
            1,
            1000,
            rules(100, 60, 100, 60, 0),
            null,
            10,
            500,
            110,
            "ScaleUpLimit"),
        rate(
            "scaleUp with percent policy larger than pods policy",
            none,
            none,
            1,
            1000,
            rules(2, 60, 100, 60, 0),
            null,
            10,
            500,
            20,
            "ScaleUpLimit"),
        rate(
            "scaleUp with spec MaxReplicas limitation with large pod policy",
            none,
            none,
            1,
            1000,
            rules(100, 60, 0, 0, 0),
            null,
            10,
            50,
            50,
            "DesiredWithinRange"),
        rate(
            "scaleUp with spec MaxReplicas limitation with large percent policy",
            none,
            none,
            1,
            1000,
            rules(10000, 60, 0, 0, 0),
            null,
            10,
            50,
            50,
            "DesiredWithinRange"),
        rate(
            "scaleUp with pod policy limitation",
            none,
            none,
            1,
            1000,
            rules(30, 60, 0, 0, 0),
            null,
            10,
            50,
            40,
            "ScaleUpLimit"),
        rate(
            "scaleUp with percent policy limitation",
            none,
            none,
            1,
            1000,
            rules(0, 0, 200, 60, 0),
            null,
            10,
            50,
            30,
            "ScaleUpLimit"),
        rate(
            "scaleDown with percent policy larger than pod policy",
            none,
            none,
            1,
            1000,
            null,
            rules(20, 60, 1, 60, 300),
            100,
            2,
            80,
            "ScaleDownLimit"),
        rate(
            "scaleDown with pod policy larger than percent policy",
            none,
            none,
            1,
            1000,
            null,
            rules(2, 60, 1, 60, 300),
            100,
            2,
            98,
            "ScaleDownLimit"),
        rate(
            "scaleDown with spec MinReplicas=nil limitation with large pod policy",
            none,
            none,
            1,
            1000,
            null,
            rules(100, 60, 0, 0, 300),
            10,
            0,
            1,
            "TooFewReplicas"),
        rate(
            "scaleDown with spec MinReplicas limitation with large percent policy",
            none,
            none,
            5,
            1000,
            null,
            rules(0, 0, 100, 60, 300),
            10,
            2,
            5,
            "TooFewReplicas"),
        rate(
            "scaleDown with pod policy limitation",
            none,
            none,
            1,
            1000,
            null,
            rules(5, 60, 0, 0, 300),
            10,
            2,
            5,
            "ScaleDownLimit"),
        rate(
            "scaleDown with percent policy limitation",
            none,
            none,
            1,
            1000,
            null,
            rules(0, 0, 50, 60, 300),
            10,
            5,
            5,
            "DesiredWithinRange"),
        rate(
            "scaleUp with spec MaxReplicas limitation with large pod policy and events",
            ups159,
            none,
            1,
            200,
            rules(300, 60, 0, 0, 0),
            null,
            100,
            500,
            200,
            "TooManyReplicas"),
        rate(
            "scaleUp with spec MaxReplicas limitation with large percent policy and events",
            ups159,
            none,
            1,
            200,
            rules(0, 0, 10000, 60, 0),
            null,
            100,
            500,
            200,
            "TooManyReplicas"),
        rate(
            "scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events",
            ups159,
            none,
            1,
            1000,
            rules(5, 120, 0, 0, 0),
            null,
            100,
            500,
            100,
            "ScaleUpLimit"),
        rate(
            "scaleUp with pod policy and previous scale up events",
            ups159,
            none,
            1,
            1000,
            rules(150, 120, 0, 0, 0),
            null,
            100,
            500,
            235,
            "ScaleUpLimit"),
        rate(
            "scaleUp with percent policy and previous scale up events",
            ups159,
            none,
            1,
            1000,
            rules(0, 0, 200, 120, 0),
            null,
            100,
            500,
            255,
            "ScaleUpLimit"),
        rate(
            "scaleUp with percent policy and previous scale up and down events",
            e(4),
            e(2),
            1,
            1000,
            rules(0, 0, 300, 300, 0),
            null,
            6,
            24,
            16,
            "ScaleUpLimit"),
        rate(
            "scaleDown with default policy and previous events",
            none,
            ups159,
            1,
            1000,
            null,
            null,
            10,
            5,
            5,
            "DesiredWithinRange"),
        rate(
            "scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events",
            none,
            ups159,
            1,
            1000,
            null,
            rules(115, 120, 0, 0, 300),
            100,
            0,
            1,
            "TooFewReplicas"),
        rate(
            "scaleDown with spec MinReplicas limitation with large pod policy and previous events",
            none,
            ups159,
            5,
            1000,
            null,
            rules(130, 120, 0, 0, 300),
            100,
            0,
            5,
            "TooFewReplicas"),
        rate(
            "scaleDown with spec MinReplicas limitation with large percent policy and previous events",
            none,
            ups159,
            5,
            1000,
            null,
            rules(0, 0, 100, 120, 300),
            100,
            2,
            5,
            "TooFewReplicas"),
        rate(
            "scaleDown with pod policy limitation and previous events",
            none,
            ups159,
            1,
            1000,
            null,
            rules(5, 120, 0, 0, 300),
            100,
            2,
            100,
            "ScaleDownLimit"),
        rate(
            "scaleDown with percent policy limitation and previous events",
            none,
            e(2, 4, 6),
            1,
            1000,
            null,
            rules(0, 0, 50, 120, 300),
            100,
            0,
            56,
            "ScaleDownLimit"),
        rate(
            "scaleDown with percent policy and previous scale up and down events",
            e(2),
            e(4),
            1,
            1000,
            null,
            rules(0, 0, 50, 180, 0),
            10,
            1,
            6,
            "ScaleDownLimit"),
        rate(
            "scaleDown with previous events preventing further scale down",
            none,
            e(10, 10, 10),
            1,
            1000,
            null,
            rules(0, 0, 10, 120, 300),
            100,
            0,
            100,
            "ScaleDownLimit"),
        rate(
            "scaleDown with with previous events still allowing more scale down",
            none,
            e(10, 10, 10),
            1,
            1000,
            null,
            rules(0, 0, 1000, 120, 300),
            10,
            5,
            5,
            "DesiredWithinRange"),
        rate(
            "check 'outdated' flag for events for one behavior for up",
            ev,
            none,
            1,
            1000,
            rules(1000, 60, 0, 0, 0),
            null,
            100,
            200,
            200,
            "DesiredWithinRange"),
        rate(
            "check that events were not marked 'outdated' for two different policies in the behavior for up",
            ev,
            none,
            1,
            1000,
            rules(1000, 120, 100, 60, 0),
            null,
            100,
            200,
            200,
            "DesiredWithinRange"),
        rate(
            "check that events were marked 'outdated' for two different policies in the behavior for up",
            ev,
            none,
            1,
            1000,
            rules(1000, 30, 100, 60, 0),
            null,
            100,
            200,
            200,
            "DesiredWithinRange"),
        rate(
            "check 'outdated' flag for events for one behavior for down",
            none,
            ev,
            1,
            1000,
            null,
            rules(1000, 60, 0, 0, 300),
            100,
            5,
            5,
            "DesiredWithinRange"),
        rate(
            "check that events were not marked 'outdated' for two different policies in the behavior for down",
            none,
            ev,
            1,
            1000,
            null,
            rules(1000, 120, 100, 60, 300),
            100,
            5,
            5,
            "DesiredWithinRange"),
        rate(
            "check that events were marked 'outdated' for two different policies in the behavior for down",
            none,
            ev,
            1,
            1000,
            null,
            rules(1000, 30, 100, 60, 300),
            100,
            5,
            5,
            "DesiredWithinRange"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scalingWithRules")
  void scalingWithRules(
      String name,
      int[] ups,
      int[] downs,
      int min,
      int max,
      HPAScalingRules up,
      HPAScalingRules down,
      int current,
      int desired,
      int expected,
      String condition) {
    ScalingHistory history = new ScalingHistory();
    history.scaleUps.addAll(spread(ups, 120));
    history.scaleDowns.addAll(spread(downs, 120));
    HorizontalPodAutoscalerBehavior behavior =
        ScalingBehavior.withDefaults(
            new HorizontalPodAutoscalerBehavior(up, down), Duration.ofMinutes(5));
    ScalingBehavior.Limited limited =
        ScalingBehavior.limitByRate(history, behavior, min, max, current, desired, NOW);
    assertEquals(expected, limited.replicas(), "replicas");
    assertEquals(condition, limited.reason(), "condition");
  }

  record Ev(int change, long secondsAgo, boolean outdated) {}

  static Arguments store(
      String name, List<Ev> before, List<Ev> after, HPAScalingRules rules, int expectedChange) {
    return Arguments.of(name, before, after, rules, expectedChange);
  }

  static Stream<Arguments> storeScaleEvents() {
    return Stream.of(
        store(
            "empty entries with two-policy-behavior",
            List.of(),
            List.of(new Ev(5, 0, false)),
            rules(10, 60, 100, 60, 0),
            0),
        store(
            "one outdated entry to be replaced with behavior",
            List.of(new Ev(7, 61, false)),
            List.of(new Ev(5, 0, false)),
            rules(10, 60, 100, 60, 0),
            0),
        store(
            "one actual entry to be not touched with behavior",
            List.of(new Ev(7, 58, false)),
            List.of(new Ev(7, 0, false), new Ev(5, 0, false)),
            rules(10, 60, 100, 60, 0),
            7),
        store(
            "two entries, one of them to be replaced",
            List.of(new Ev(7, 61, false), new Ev(6, 59, false)),
            List.of(new Ev(5, 0, false), new Ev(6, 0, false)),
            rules(10, 60, 0, 0, 0),
            6),
        store(
            "replace one entry, use policies with different periods",
            List.of(
                new Ev(8, 29, false),
                new Ev(6, 59, false),
                new Ev(7, 61, false),
                new Ev(9, 61, false)),
            List.of(
                new Ev(8, 0, false), new Ev(6, 0, false), new Ev(7, 0, true), new Ev(5, 0, false)),
            rules(10, 60, 100, 30, 0),
            14),
        store(
            "two entries, both actual",
            List.of(new Ev(7, 58, false), new Ev(6, 59, false)),
            List.of(new Ev(7, 0, false), new Ev(6, 0, false), new Ev(5, 0, false)),
            rules(10, 120, 100, 30, 0),
            13));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storeScaleEvents")
  void storeScaleEvents(
      String name, List<Ev> before, List<Ev> after, HPAScalingRules rules, int expectedChange) {
    HorizontalPodAutoscalerBehavior behavior =
        ScalingBehavior.withDefaults(
            new HorizontalPodAutoscalerBehavior(rules, rules), Duration.ofMinutes(5));
    for (boolean up : new boolean[] {true, false}) {
      ScalingHistory history = new ScalingHistory();
      List<ScalingHistory.ScaleEvent> events = up ? history.scaleUps : history.scaleDowns;
      before.forEach(
          ev ->
              events.add(
                  new ScalingHistory.ScaleEvent(ev.change(), NOW.minusSeconds(ev.secondsAgo()))));
      assertEquals(
          expectedChange,
          ScalingBehavior.changes(events, NOW.minusSeconds(60)),
          "change in the last 60 s");
      ScalingBehavior.recordScale(history, behavior, 10, up ? 15 : 5, NOW);
      assertEquals(after.size(), events.size(), "events");
      for (int i = 0; i < after.size(); i++) {
        assertEquals(after.get(i).change(), events.get(i).change, "change " + i);
        assertEquals(after.get(i).outdated(), events.get(i).outdated, "outdated " + i);
      }
    }
  }

  record Rec(int replicas, long minutesAgo) {}

  static Arguments stab(
      String name,
      List<Rec> recs,
      int current,
      int desired,
      int expected,
      List<Integer> log,
      int upWindow,
      int downWindow) {
    return Arguments.of(name, recs, current, desired, expected, log, upWindow, downWindow);
  }

  static Stream<Arguments> normalizeWithBehavior() {
    return Stream.of(
        stab("empty recommendations for scaling down", List.of(), 100, 5, 5, List.of(5), 0, 0),
        stab(
            "simple scale down stabilization",
            List.of(new Rec(4, 2), new Rec(5, 1)),
            100,
            3,
            5,
            List.of(4, 5, 3),
            0,
            180),
        stab(
            "simple scale up stabilization",
            List.of(new Rec(4, 2), new Rec(5, 1)),
            1,
            7,
            4,
            List.of(4, 5, 7),
            300,
            0),
        stab(
            "no scale down stabilization",
            List.of(new Rec(1, 2), new Rec(2, 1)),
            100,
            3,
            3,
            List.of(1, 2, 3),
            300,
            0),
        stab(
            "no scale up stabilization",
            List.of(new Rec(4, 2), new Rec(5, 1)),
            1,
            3,
            3,
            List.of(4, 5, 3),
            0,
            300),
        stab(
            "no scale down stabilization, reuse recommendation element",
            List.of(new Rec(10, 10), new Rec(9, 9)),
            100,
            3,
            3,
            List.of(10, 3),
            0,
            0),
        stab(
            "no scale up stabilization, reuse recommendation element",
            List.of(new Rec(10, 10), new Rec(9, 9)),
            1,
            100,
            100,
            List.of(10, 100),
            0,
            0),
        stab(
            "scale down stabilization, reuse one of obsolete recommendation element",
            List.of(new Rec(10, 10), new Rec(4, 1), new Rec(5, 2), new Rec(9, 9)),
            100,
            3,
            5,
            List.of(10, 4, 5, 3),
            0,
            180),
        stab(
            "scale up stabilization, reuse one of obsolete recommendation element",
            List.of(new Rec(10, 100), new Rec(6, 1), new Rec(5, 2), new Rec(9, 3)),
            1,
            100,
            5,
            List.of(100, 6, 5, 9),
            300,
            0),
        stab(
            "scale up and down stabilization, do not scale up when prenormalized rec goes down",
            List.of(new Rec(2, 100), new Rec(3, 3)),
            2,
            1,
            2,
            null,
            300,
            300),
        stab(
            "scale up and down stabilization, do not scale down when prenormalized rec goes up",
            List.of(new Rec(2, 100), new Rec(1, 3)),
            2,
            3,
            2,
            null,
            300,
            300));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("normalizeWithBehavior")
  void normalizeWithBehavior(
      String name,
      List<Rec> recs,
      int current,
      int desired,
      int expected,
      List<Integer> log,
      int upWindow,
      int downWindow) {
    ScalingHistory history = new ScalingHistory();
    recs.forEach(
        r ->
            history.recommendations.add(
                new ScalingHistory.Recommendation(
                    r.replicas(), NOW.minus(Duration.ofMinutes(r.minutesAgo())))));
    HorizontalPodAutoscalerBehavior behavior =
        new HorizontalPodAutoscalerBehavior(
            new HPAScalingRules(upWindow, HPAScalingRules.MAX, List.of()),
            new HPAScalingRules(downWindow, HPAScalingRules.MAX, List.of()));
    assertEquals(expected, ScalingBehavior.stabilize(history, behavior, current, desired, NOW));
    if (log != null) {
      assertEquals(
          log,
          history.recommendations.stream().map(ScalingHistory.Recommendation::replicas).toList());
    }
  }

  @Test
  void scaleDownLimitWithMinPolicySelectsTheSmallestChange() {
    HPAScalingRules rules =
        new HPAScalingRules(
            300,
            HPAScalingRules.MIN,
            List.of(
                new HPAScalingPolicy(HPAScalingPolicy.PODS, 2, 60),
                new HPAScalingPolicy(HPAScalingPolicy.PERCENT, 50, 60)));
    assertEquals(3, ScalingBehavior.scaleDownLimit(5, new ScalingHistory(), rules, NOW));
  }

  @Test
  void disabledPolicyHoldsTheCurrentCount() {
    HorizontalPodAutoscalerBehavior behavior =
        ScalingBehavior.withDefaults(
            new HorizontalPodAutoscalerBehavior(
                new HPAScalingRules(null, HPAScalingRules.DISABLED, null), null),
            Duration.ofMinutes(5));
    ScalingBehavior.Outcome outcome =
        ScalingBehavior.normalize(new ScalingHistory(), behavior, 1, 10, 2, 8, NOW);
    assertEquals(2, outcome.replicas());
    assertEquals("ScaleUpLimit", outcome.limitReason());
  }
}
