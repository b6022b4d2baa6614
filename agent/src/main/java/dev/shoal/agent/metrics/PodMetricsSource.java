package dev.shoal.agent.metrics;

import dev.shoal.manifests.selectors.Selector;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The pods' resource usage for the HorizontalPodAutoscaler (or anything else on any node), as
 * {@code metrics.k8s.io} serves it, without going through HTTP.
 *
 * <p>{@link #pods} answers, for the pods of {@code namespace} whose labels {@code selector} matches
 * (as the store has them now), the newest sample of each such pod that has one: a pod that is not
 * running yet, whose containers have had fewer than two readings (no rate yet, about one interval
 * after they start), or whose node has not sampled for a while, is absent from the map, as
 * metrics-server leaves it out; the caller counts it as "missing". The future fails only when the
 * store or the nodes' shared samples cannot be read.
 *
 * <p>Values: {@link PodUsage#cpuMillis} is the sum over the pod's running containers of the CPU
 * rate over {@link PodUsage#window} ending at {@link PodUsage#timestamp}, in millicores (1000 = one
 * core busy, rounded); {@link PodUsage#memoryBytes} the sum of their memory working sets at that
 * time. {@link PodUsage#containers} has the same per container name (for ContainerResource
 * metrics). Samples are taken every {@code --metrics-interval} (1 s by default) on each node; the
 * window is {@code --metrics-window} (by default equal to the interval).
 */
public interface PodMetricsSource {

  /** One pod's usage (see {@link PodMetricsSource}). */
  record PodUsage(
      String namespace,
      String name,
      long cpuMillis,
      long memoryBytes,
      Instant timestamp,
      Duration window,
      Map<String, ContainerUsage> containers) {

    public PodUsage {
      containers = Map.copyOf(containers);
    }
  }

  /** Usage by pod name of the pods in {@code namespace} that {@code selector} matches. */
  Future<Map<String, PodUsage>> pods(String namespace, Selector selector);
}
