package dev.shoal.agent.controllers.autoscale;

import dev.shoal.manifests.selectors.Selector;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where the autoscaler reads pod resource usage: for a namespace and a label selector, each
 * matching pod's containers with their CPU (millicores, a rate over {@code window}) and memory
 * (working-set bytes), sampled at {@code timestamp}. This is the adapter point for the metrics
 * pipeline; {@link #NONE} is what runs until one is connected (every resource metric then fails
 * with FailedGetResourceMetric, as upstream does without a metrics server).
 */
@FunctionalInterface
public interface ResourceMetricsSource {

  /** No metrics anywhere: every read fails. */
  ResourceMetricsSource NONE =
      (namespace, selector) ->
          Future.failedFuture(new IllegalStateException("no resource metrics source is connected"));

  Future<List<PodUsage>> podUsage(String namespace, Selector selector);

  /** One container's usage. */
  record ContainerUsage(String name, long cpuMillicores, long memoryBytes) {}

  /** One pod's usage, one entry per container. */
  record PodUsage(
      String pod, Instant timestamp, Duration window, List<ContainerUsage> containers) {}
}
