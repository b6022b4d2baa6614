package dev.shoal.agent.controllers.autoscale;

import static dev.shoal.agent.control.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.FakeClock;
import dev.shoal.agent.controllers.autoscale.ResourceMetricsSource.ContainerUsage;
import dev.shoal.agent.controllers.autoscale.ResourceMetricsSource.PodUsage;
import dev.shoal.agent.events.EventCorrelator;
import dev.shoal.agent.events.EventStore;
import dev.shoal.agent.events.InMemoryEvents;
import dev.shoal.agent.events.StoreEventRecorder;
import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.CrossVersionObjectReference;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentSpec;
import dev.shoal.manifests.model.Event;
import dev.shoal.manifests.model.EventSource;
import dev.shoal.manifests.model.HorizontalPodAutoscaler;
import dev.shoal.manifests.model.HorizontalPodAutoscalerCondition;
import dev.shoal.manifests.model.HorizontalPodAutoscalerSpec;
import dev.shoal.manifests.model.HorizontalPodAutoscalerStatus;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.MetricSpec;
import dev.shoal.manifests.model.MetricTarget;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.ResourceRequirements;
import dev.shoal.manifests.selectors.Selector;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The controller on the in-memory store with a fake metrics source and a fake clock: a load step
 * scales a Deployment out to the formula's count at once, the scale-in waits out the stabilization
 * window, and the status, conditions and events say why at each step.
 */
class HorizontalPodAutoscalerControllerTest {
  static final String NS = "shop";
  static final Map<String, String> LABELS = Map.of("app", "web");

  final FakeClock clock = new FakeClock();
  final InMemoryStore store = new InMemoryStore();
  final EventStore events = new InMemoryEvents(clock, EventStore.Limits.DEFAULT);
  final FakeMetrics metrics = new FakeMetrics();
  final HorizontalPodAutoscalerController controller =
      new HorizontalPodAutoscalerController(
          store,
          AutoscalerOptions.DEFAULT
              .withMetrics(metrics)
              .withEvents(
                  new StoreEventRecorder(
                      events,
                      new EventSource(HorizontalPodAutoscalerController.COMPONENT, "n1"),
                      EventCorrelator.defaults(),
                      clock)),
          clock);
  final ObjectKey hpaKey = new ObjectKey(HorizontalPodAutoscaler.KIND, NS, "web");
  final ObjectKey deployKey = new ObjectKey(Deployment.KIND, NS, "web");

  /** Usage per pod name, as a metrics pipeline would report it now. */
  final class FakeMetrics implements ResourceMetricsSource {
    final Map<String, Long> cpu = new ConcurrentHashMap<>();
    volatile String failure;

    @Override
    public Future<List<PodUsage>> podUsage(String namespace, Selector selector) {
      if (failure != null) {
        return Future.failedFuture(new IllegalStateException(failure));
      }
      return Future.succeededFuture(
          cpu.entrySet().stream()
              .map(
                  e ->
                      new PodUsage(
                          e.getKey(),
                          clock.instant(),
                          Duration.ofSeconds(1),
                          List.of(new ContainerUsage("app", e.getValue(), 10_000_000))))
              .toList());
    }
  }

  Pod pod(int i) {
    Container app =
        new Container(
            "app",
            "shoal-test/busybox:1",
            null,
            null,
            null,
            null,
            null,
            new ResourceRequirements(Map.of("cpu", "100m"), null),
            null,
            null,
            null,
            null);
    var started = clock.instant().minus(Duration.ofMinutes(10));
    return new Pod(
        ObjectMeta.named(NS, "web-" + i).withLabels(LABELS),
        PodSpec.of(List.of(app)),
        new PodStatus(
            "Running",
            List.of(new PodCondition("Ready", "True", null, null, null, started)),
            null,
            null,
            null,
            null,
            started,
            null,
            null));
  }

  void deploy(int replicas) throws Exception {
    await(
        store.create(
            new Deployment(
                ObjectMeta.named(NS, "web"),
                new DeploymentSpec(
                    replicas, LabelSelector.matching(LABELS), null, null, null, null, null, null),
                null)));
  }

  void autoscale(int min, int max, int cpuPercent) throws Exception {
    await(
        store.create(
            new HorizontalPodAutoscaler(
                ObjectMeta.named(NS, "web"),
                new HorizontalPodAutoscalerSpec(
                    new CrossVersionObjectReference(Deployment.KIND, "web", "apps/v1"),
                    min,
                    max,
                    List.of(
                        MetricSpec.resource(
                            "cpu",
                            new MetricTarget(MetricTarget.UTILIZATION, null, null, cpuPercent))),
                    null),
                null)));
  }

  int replicas() throws Exception {
    return ((Deployment) await(store.get(deployKey))).spec().replicas();
  }

  HorizontalPodAutoscalerStatus status() throws Exception {
    return ((HorizontalPodAutoscaler) await(store.get(hpaKey))).status();
  }

  HorizontalPodAutoscalerCondition condition(String type) throws Exception {
    return status().conditions().stream()
        .filter(c -> c.type().equals(type))
        .findFirst()
        .orElseThrow();
  }

  List<String> eventReasons() throws Exception {
    return await(events.list(NS)).items().stream().map(e -> ((Event) e).reason()).toList();
  }

  Event event(String reason) throws Exception {
    return await(events.list(NS)).items().stream()
        .map(Event.class::cast)
        .filter(e -> e.reason().equals(reason))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + reason + " event"));
  }

  /** Evaluates once, then moves the clock one second on (the default period). */
  void tick() throws Exception {
    await(controller.sync(hpaKey));
    clock.advance(Duration.ofSeconds(1));
  }

  @Test
  void scalesOutToTheFormulaAtOnceAndInOnlyAfterTheStabilizationWindow() throws Exception {
    deploy(1);
    await(store.create(pod(0)));
    autoscale(1, 10, 50);
    metrics.cpu.put("web-0", 250L); // 250% of the 100m request against a 50% target

    var scaledOut = clock.instant();
    tick();
    // ceil(250 / 50 * 1 pod) = 5, within the default scale-up limit max(1 + 4, 2 * 1) = 5
    assertEquals(5, replicas());
    HorizontalPodAutoscalerStatus s = status();
    assertEquals(1, s.currentReplicas());
    assertEquals(5, s.desiredReplicas());
    assertEquals(250, s.currentMetrics().get(0).resource().current().averageUtilization());
    assertEquals("250m", s.currentMetrics().get(0).resource().current().averageValue());
    assertNotNull(s.lastScaleTime());
    assertEquals("SucceededRescale", condition("AbleToScale").reason());
    assertEquals("ValidMetricFound", condition("ScalingActive").reason());
    assertEquals("True", condition("ScalingActive").status());
    assertEquals("DesiredWithinRange", condition("ScalingLimited").reason());
    assertEquals("False", condition("ScalingLimited").status());
    assertEquals(
        "New size: 5; reason: cpu resource utilization (percentage of request) above target",
        event("SuccessfulRescale").message());

    // The new pods arrive and the load is gone: 10% each, so the formula says 1.
    for (int i = 1; i < 5; i++) {
      await(store.create(pod(i)));
    }
    for (int i = 0; i < 5; i++) {
      metrics.cpu.put("web-" + i, 10L);
    }
    // The recommendation of 5 holds for the default 300 s window, evaluated every second.
    while (clock.instant().isBefore(scaledOut.plus(Duration.ofSeconds(300)))) {
      tick();
      assertEquals(5, replicas(), "scaled in before the window ended at " + clock.instant());
    }
    assertEquals("ScaleDownStabilized", condition("AbleToScale").reason());
    assertEquals(5, status().currentReplicas());
    assertEquals(5, status().desiredReplicas());

    tick(); // 300 s after the high recommendation, it leaves the window
    assertEquals(1, replicas());
    assertEquals("New size: 1; reason: All metrics below target", latest("SuccessfulRescale"));
    assertEquals("SucceededRescale", condition("AbleToScale").reason());
  }

  String latest(String reason) throws Exception {
    return await(events.list(NS)).items().stream()
        .map(Event.class::cast)
        .filter(e -> e.reason().equals(reason))
        .reduce((a, b) -> b)
        .map(Event::message)
        .orElseThrow();
  }

  @Test
  void aScaleUpLargerThanThePoliciesAllowIsLimitedPerPeriod() throws Exception {
    deploy(2);
    await(store.create(pod(0)));
    await(store.create(pod(1)));
    autoscale(1, 20, 50);
    metrics.cpu.put("web-0", 500L);
    metrics.cpu.put("web-1", 500L);

    tick(); // formula: ceil(10 * 2) = 20; limit max(2 + 4, 2 * 2) = 6
    assertEquals(6, replicas());
    assertEquals("ScaleUpLimit", condition("ScalingLimited").reason());
    assertEquals("True", condition("ScalingLimited").status());

    tick(); // same period: the 4 pods already added count against it
    assertEquals(6, replicas());
    for (int i = 0; i < 14; i++) {
      tick();
    }
    // 15 s after the first step a new period starts: max(6 + 4, 2 * 6) = 12
    assertEquals(12, replicas());
  }

  @Test
  void missingMetricsAreReportedAndChangeNothing() throws Exception {
    deploy(2);
    await(store.create(pod(0)));
    await(store.create(pod(1)));
    autoscale(1, 5, 50);
    metrics.failure = "metrics are not sampled yet";

    tick();
    assertEquals(2, replicas());
    HorizontalPodAutoscalerCondition active = condition("ScalingActive");
    assertEquals("False", active.status());
    assertEquals("FailedGetResourceMetric", active.reason());
    assertEquals(
        "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to"
            + " get metrics for resource cpu: metrics are not sampled yet",
        active.message());
    List<String> reasons = eventReasons();
    assertTrue(reasons.contains("FailedGetResourceMetric"), reasons::toString);
    assertEquals(
        "invalid metrics (1 invalid out of 1), first error is: failed to get cpu utilization:"
            + " unable to get metrics for resource cpu: metrics are not sampled yet",
        event("FailedComputeMetricsReplicas").message());
    assertEquals(2, status().currentReplicas());
  }

  @Test
  void aMissingTargetIsFailedGetScale() throws Exception {
    autoscale(1, 5, 50);
    tick();
    HorizontalPodAutoscalerCondition able = condition("AbleToScale");
    assertEquals("False", able.status());
    assertEquals("FailedGetScale", able.reason());
    assertTrue(eventReasons().contains("FailedGetScale"));
  }

  @Test
  void replicasOutsideTheBoundsAreBroughtInWithoutMetrics() throws Exception {
    deploy(9);
    autoscale(2, 4, 50);
    metrics.failure = "none needed";
    tick();
    assertEquals(4, replicas());
    assertEquals(
        "New size: 4; reason: Current number of replicas above Spec.MaxReplicas",
        event("SuccessfulRescale").message());
  }

  @Test
  void aTargetScaledToZeroDisablesScaling() throws Exception {
    deploy(0);
    autoscale(1, 4, 50);
    tick();
    assertEquals(0, replicas());
    assertEquals("ScalingDisabled", condition("ScalingActive").reason());
  }
}
