package dev.shoal.agent.controllers.autoscale;

import dev.shoal.agent.controllers.autoscale.ResourceMetricsSource.ContainerUsage;
import dev.shoal.agent.controllers.autoscale.ResourceMetricsSource.PodUsage;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.ResourceRequirements;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pods and usage shaped as in upstream's calculator tests: pods {@code test-pod-N} with two
 * containers, each requesting the pod's request and each using the pod's level; a pod started
 * {@link #COOL} (long past the initialization period) unless told {@link #HOT} (just now).
 */
final class CalcPods {
  static final String NS = "test-namespace";
  static final Map<String, String> LABELS = Map.of("name", "test-pod");
  static final String HOT = "hot";
  static final String COOL = "cool";
  static final int CONTAINERS = 2;

  private CalcPods() {}

  static Container container(String name, String resource, String request) {
    return new Container(
        name,
        "shoal-test/busybox:1",
        null,
        null,
        null,
        null,
        null,
        request == null ? null : new ResourceRequirements(Map.of(resource, request), null),
        null,
        null,
        null,
        null);
  }

  /**
   * One pod; {@code start} is {@link #HOT}, {@link #COOL} or null (started an hour ago, so neither
   * warming up nor recently changed); the readiness condition changed when the pod started.
   */
  static Pod pod(
      int i,
      String resource,
      String request,
      String ready,
      String start,
      String phase,
      boolean deleting,
      Instant now) {
    Instant started =
        HOT.equals(start)
            ? now
            : COOL.equals(start)
                ? now.minus(Duration.ofMinutes(3))
                : now.minus(Duration.ofHours(1));
    ObjectMeta meta = ObjectMeta.named(NS, "test-pod-" + i).withLabels(LABELS);
    if (deleting) {
      meta = meta.withDeletion(now, 30L);
    }
    List<Container> containers = new ArrayList<>();
    for (int c = 0; c < CONTAINERS; c++) {
      containers.add(container("container" + c, resource, request));
    }
    PodStatus status =
        new PodStatus(
            phase,
            List.of(new PodCondition("Ready", ready, null, null, null, started)),
            null,
            null,
            null,
            null,
            started,
            null,
            null);
    return new Pod(meta, PodSpec.of(containers), status);
  }

  /** Usage of each named pod: every container at {@code level} of {@code resource}. */
  static List<PodUsage> usage(
      List<String> names, long[] levels, String resource, Instant at, Duration window) {
    List<PodUsage> list = new ArrayList<>();
    for (int i = 0; i < levels.length; i++) {
      List<ContainerUsage> containers = new ArrayList<>();
      for (int c = 0; c < CONTAINERS; c++) {
        long cpu = "cpu".equals(resource) ? levels[i] : 0;
        long memory = "memory".equals(resource) ? levels[i] : 0;
        containers.add(new ContainerUsage("container" + c, cpu, memory));
      }
      list.add(new PodUsage(names.get(i), at, window, containers));
    }
    return list;
  }
}
