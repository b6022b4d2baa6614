package dev.shoal.agent.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.model.CrossVersionObjectReference;
import dev.shoal.manifests.model.HorizontalPodAutoscaler;
import dev.shoal.manifests.model.HorizontalPodAutoscalerSpec;
import dev.shoal.manifests.model.HorizontalPodAutoscalerStatus;
import dev.shoal.manifests.model.MetricSpec;
import dev.shoal.manifests.model.MetricStatus;
import dev.shoal.manifests.model.MetricTarget;
import dev.shoal.manifests.model.MetricValueStatus;
import dev.shoal.manifests.model.ObjectMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The row of {@code kubectl get hpa}, with upstream's TARGETS text. */
class HorizontalPodAutoscalerPrinterTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");
  static final MetricSpec CPU =
      MetricSpec.resource("cpu", new MetricTarget(MetricTarget.UTILIZATION, null, null, 50));
  static final MetricSpec MEMORY =
      MetricSpec.containerResource(
          "memory", "app", new MetricTarget(MetricTarget.AVERAGE_VALUE, null, "100Mi", null));

  static HorizontalPodAutoscaler hpa(
      Integer min, List<MetricSpec> metrics, HorizontalPodAutoscalerStatus status) {
    return new HorizontalPodAutoscaler(
        ObjectMeta.named("ns", "web").withCreationTimestamp(NOW.minus(Duration.ofMinutes(5))),
        new HorizontalPodAutoscalerSpec(
            new CrossVersionObjectReference("Deployment", "web", "apps/v1"), min, 5, metrics, null),
        status);
  }

  @Test
  void beforeAnyReading() {
    assertEquals(
        List.of("web", "Deployment/web", "cpu: <unknown>/50%", "<unset>", 5L, 0L, "5m"),
        new HorizontalPodAutoscalerPrinter().cells(hpa(null, List.of(CPU), null), NOW));
  }

  @Test
  void withReadingsOfTwoMetrics() {
    HorizontalPodAutoscalerStatus status =
        new HorizontalPodAutoscalerStatus(
            1L,
            null,
            3,
            3,
            List.of(
                MetricStatus.resource("cpu", new MetricValueStatus(null, "210m", 42)),
                MetricStatus.containerResource(
                    "memory", "app", new MetricValueStatus(null, "120Mi", null))),
            null);
    assertEquals(
        List.of("web", "Deployment/web", "cpu: 42%/50%, memory: 120Mi/100Mi", "1", 5L, 3L, "5m"),
        new HorizontalPodAutoscalerPrinter().cells(hpa(1, List.of(CPU, MEMORY), status), NOW));
  }

  @Test
  void moreThanTwoMetricsAreCounted() {
    assertEquals(
        "cpu: <unknown>/50%, cpu: <unknown>/50% + 1 more...",
        HorizontalPodAutoscalerPrinter.targets(List.of(CPU, CPU, CPU), List.of()));
  }
}
