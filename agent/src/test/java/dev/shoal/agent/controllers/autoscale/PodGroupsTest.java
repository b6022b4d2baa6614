package dev.shoal.agent.controllers.autoscale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.control.FakeClock;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Upstream's TestGroupPods, with its 2 min initialization period and 10 s readiness delay. */
class PodGroupsTest {
  static final Instant NOW = FakeClock.START;

  static Instant ago(Duration d) {
    return NOW.minus(d);
  }

  static Pod pod(String name, String phase, Instant start, String ready, Instant transition) {
    List<PodCondition> conditions =
        ready == null
            ? null
            : List.of(new PodCondition("Ready", ready, null, null, null, transition));
    return new Pod(
        ObjectMeta.named("ns", name),
        PodSpec.of(List.of()),
        new PodStatus(phase, conditions, null, null, null, null, start, null, null));
  }

  static PodMetric metric(Instant at, Duration window) {
    return new PodMetric(1, at, window);
  }

  static Arguments c(
      String name,
      List<Pod> pods,
      Map<String, PodMetric> metrics,
      String resource,
      int ready,
      Set<String> unready,
      Set<String> missing) {
    return Arguments.of(name, pods, metrics, resource, ready, unready, missing);
  }

  static Stream<Arguments> cases() {
    Duration min = Duration.ofMinutes(1);
    return Stream.of(
        c("void", List.of(), Map.of(), "cpu", 0, Set.of(), Set.of()),
        c(
            "count in a ready pod - memory",
            List.of(pod("bentham", "Succeeded", null, null, null)),
            Map.of("bentham", metric(NOW, min)),
            "memory",
            1,
            Set.of(),
            Set.of()),
        c(
            "ignore a pod without ready condition - CPU",
            List.of(pod("lucretius", "Succeeded", NOW, null, null)),
            Map.of("lucretius", metric(null, null)),
            "cpu",
            0,
            Set.of("lucretius"),
            Set.of()),
        c(
            "count in a ready pod with fresh metrics during initialization period - CPU",
            List.of(pod("bentham", "Succeeded", ago(min), "True", ago(Duration.ofSeconds(30)))),
            Map.of("bentham", metric(NOW, Duration.ofSeconds(30))),
            "cpu",
            1,
            Set.of(),
            Set.of()),
        c(
            "ignore a ready pod without fresh metrics during initialization period - CPU",
            List.of(pod("bentham", "Succeeded", ago(min), "True", ago(Duration.ofSeconds(30)))),
            Map.of("bentham", metric(NOW, Duration.ofSeconds(60))),
            "cpu",
            0,
            Set.of("bentham"),
            Set.of()),
        c(
            "ignore an unready pod during initialization period - CPU",
            List.of(
                pod(
                    "lucretius",
                    "Succeeded",
                    ago(Duration.ofMinutes(10)),
                    "False",
                    ago(Duration.ofSeconds(9 * 60 + 54)))),
            Map.of("lucretius", metric(null, null)),
            "cpu",
            0,
            Set.of("lucretius"),
            Set.of()),
        c(
            "count in a ready pod without fresh metrics after initialization period - CPU",
            List.of(
                pod(
                    "bentham",
                    "Succeeded",
                    ago(Duration.ofMinutes(3)),
                    "True",
                    ago(Duration.ofMinutes(3)))),
            Map.of("bentham", metric(ago(Duration.ofMinutes(2)), min)),
            "cpu",
            1,
            Set.of(),
            Set.of()),
        c(
            "count in an unready pod that was ready after initialization period - CPU",
            List.of(
                pod(
                    "lucretius",
                    "Succeeded",
                    ago(Duration.ofMinutes(10)),
                    "False",
                    ago(Duration.ofMinutes(9)))),
            Map.of("lucretius", metric(null, null)),
            "cpu",
            1,
            Set.of(),
            Set.of()),
        c(
            "ignore pod that has never been ready after initialization period - CPU",
            List.of(
                pod(
                    "lucretius",
                    "Succeeded",
                    ago(Duration.ofMinutes(10)),
                    "False",
                    ago(Duration.ofSeconds(9 * 60 + 50)))),
            Map.of("lucretius", metric(null, null)),
            "cpu",
            1,
            Set.of(),
            Set.of()),
        c(
            "a missing pod",
            List.of(pod("epicurus", "Succeeded", ago(Duration.ofMinutes(3)), null, null)),
            Map.of(),
            "cpu",
            0,
            Set.of(),
            Set.of("epicurus")),
        c(
            "several pods",
            List.of(
                pod("lucretius", "Succeeded", NOW, null, null),
                pod(
                    "niccolo",
                    "Succeeded",
                    ago(Duration.ofMinutes(3)),
                    "True",
                    ago(Duration.ofMinutes(3))),
                pod("epicurus", "Succeeded", ago(Duration.ofMinutes(3)), null, null)),
            Map.of("lucretius", metric(null, null), "niccolo", metric(null, null)),
            "cpu",
            1,
            Set.of("lucretius"),
            Set.of("epicurus")),
        c(
            "pending pods are ignored",
            List.of(pod("unscheduled", "Pending", null, null, null)),
            Map.of(),
            "cpu",
            0,
            Set.of("unscheduled"),
            Set.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void upstreamGroupPods(
      String name,
      List<Pod> pods,
      Map<String, PodMetric> metrics,
      String resource,
      int ready,
      Set<String> unready,
      Set<String> missing) {
    PodGroups groups =
        PodGroups.of(pods, metrics, resource, Duration.ofMinutes(2), Duration.ofSeconds(10), NOW);
    assertEquals(ready, groups.readyCount(), "ready");
    assertEquals(unready, groups.unready(), "unready");
    assertEquals(missing, groups.missing(), "missing");
  }

  @org.junit.jupiter.api.Test
  void failedAndDeletingPodsAreLeftOut() {
    Pod failed = pod("failed", "Failed", ago(Duration.ofMinutes(3)), "False", NOW);
    Pod deleting =
        new Pod(
            ObjectMeta.named("ns", "deleting").withDeletion(NOW, 30L),
            PodSpec.of(List.of()),
            pod("x", "Running", ago(Duration.ofMinutes(3)), "True", NOW).status());
    PodGroups groups =
        PodGroups.of(
            List.of(failed, deleting),
            Map.of("failed", metric(NOW, Duration.ofMinutes(1))),
            "cpu",
            Duration.ofMinutes(2),
            Duration.ofSeconds(10),
            NOW);
    assertEquals(Set.of("failed", "deleting"), groups.ignored());
    assertEquals(0, groups.readyCount());
  }
}
