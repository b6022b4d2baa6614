package dev.shoal.agent.telemetry;

import dev.shoal.agent.store.LocalView;
import dev.shoal.dns.server.QueryCounts;
import dev.shoal.manifests.model.Pod;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The agent's state as gauges, read when Prometheus scrapes: cluster members, leadership, this
 * node's pods by phase, pods waiting for a node, and the DNS responder's answers by outcome.
 */
public final class AgentGauges {

  /** The pod phases of Kubernetes, and "Unknown" for a pod without a status yet. */
  static final List<String> PHASES =
      List.of("Pending", "Running", "Succeeded", "Failed", "Unknown");

  private AgentGauges() {}

  /** Cluster members as this agent sees them, and whether it leads. */
  public static void cluster(MeterRegistry registry, IntSupplier members, BooleanSupplier leader) {
    Gauge.builder("shoal.cluster.members", members::getAsInt)
        .description("Agents in the cluster as this agent sees it")
        .register(registry);
    Gauge.builder("shoal.leader", () -> leader.getAsBoolean() ? 1 : 0)
        .description("1 while this agent is the leader (schedules and runs the controllers)")
        .register(registry);
  }

  /** Pods bound to {@code nodeName} by phase, and pods of the cluster that wait for a node. */
  public static void pods(MeterRegistry registry, LocalView view, String nodeName) {
    for (String phase : PHASES) {
      Gauge.builder("shoal.node.pods", () -> countOnNode(view, nodeName, phase))
          .description("Pods placed on this node, by phase")
          .tag("phase", phase)
          .register(registry);
    }
    Gauge.builder(
            "shoal.scheduler.pending.pods",
            () ->
                view.list(Pod.KIND, null).stream()
                    .filter(r -> ((Pod) r).spec().nodeName() == null)
                    .count())
        .description("Pods of the cluster not placed on a node yet")
        .register(registry);
  }

  /** The DNS responder's queries by outcome. */
  public static void dns(MeterRegistry registry, Supplier<QueryCounts> counts) {
    for (QueryCounts.Outcome outcome : QueryCounts.Outcome.values()) {
      FunctionCounter.builder("shoal.dns.queries", counts, c -> c.get().count(outcome))
          .description("DNS queries answered by this node's responder, by outcome")
          .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
          .register(registry);
    }
  }

  private static long countOnNode(LocalView view, String nodeName, String phase) {
    return view.list(Pod.KIND, null).stream()
        .map(r -> (Pod) r)
        .filter(p -> nodeName.equals(p.spec().nodeName()))
        .filter(p -> phase.equals(phaseOf(p)))
        .count();
  }

  private static String phaseOf(Pod pod) {
    String phase = pod.status() == null ? null : pod.status().phase();
    return phase == null || !PHASES.contains(phase) ? "Unknown" : phase;
  }
}
