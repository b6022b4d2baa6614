package dev.shoal.agent.controllers.autoscale;

import dev.shoal.agent.metrics.PodMetricsSource;
import dev.shoal.manifests.selectors.Selector;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * The nodes' own samples ({@link PodMetricsSource}, the numbers {@code metrics.k8s.io} serves) as
 * the autoscaler reads them: per pod, each container's CPU in millicores over the sample's window
 * and its memory working set. Read on the leader, without HTTP.
 */
public final class SampledMetrics implements ResourceMetricsSource {

  private final Supplier<PodMetricsSource> source;

  /** {@code source} answers null until the agent's sampler has started. */
  public SampledMetrics(Supplier<PodMetricsSource> source) {
    this.source = source;
  }

  @Override
  public Future<List<PodUsage>> podUsage(String namespace, Selector selector) {
    PodMetricsSource pods = source.get();
    if (pods == null) {
      return Future.failedFuture(
          new IllegalStateException("this node's metrics sampler has not started yet"));
    }
    return pods.pods(namespace, selector)
        .map(
            byPod ->
                byPod.values().stream()
                    .map(
                        pod ->
                            new PodUsage(
                                pod.name(),
                                pod.timestamp(),
                                pod.window(),
                                pod.containers().values().stream()
                                    .map(
                                        c ->
                                            new ContainerUsage(
                                                c.name(),
                                                Math.round(c.cpuNanoCores() / 1_000_000.0),
                                                c.memoryBytes()))
                                    .toList()))
                    .toList());
  }
}
