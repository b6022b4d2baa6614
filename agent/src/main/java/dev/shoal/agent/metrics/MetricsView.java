package dev.shoal.agent.metrics;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.selectors.Selector;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The cluster's samples joined with the objects they are of: the pods (or nodes) the store has,
 * filtered by namespace and labels, each with its newest sample; objects without one are left out,
 * as metrics-server leaves them out. Samples come from the {@link SampleShare}, this node's own
 * from its sampler directly. Serves the metrics API and, as {@link PodMetricsSource}, the
 * autoscaler.
 */
public final class MetricsView implements PodMetricsSource {

  /** A pod with its sample. */
  public record PodEntry(Pod pod, PodSample sample) {}

  /** A node with its sample. */
  public record NodeEntry(Node node, NodeSample sample) {}

  private final ClusterStore store;
  private final SampleShare share;

  public MetricsView(ClusterStore store, SampleShare share) {
    this.store = store;
    this.share = share;
  }

  /** Pods of {@code namespace} (null: all) matched by {@code filter}, with samples, sorted. */
  public Future<List<PodEntry>> pods(String namespace, Predicate<Resource> filter) {
    return Future.all(store.list(Pod.KIND, namespace), share.all())
        .map(
            both -> {
              ClusterStore.Listing pods = both.resultAt(0);
              List<NodeSample> nodes = both.resultAt(1);
              Map<String, PodSample> samples = new HashMap<>();
              for (NodeSample node : nodes) {
                for (PodSample pod : node.pods()) {
                  samples.merge(
                      pod.namespace() + "/" + pod.name(),
                      pod,
                      (a, b) -> a.timestampMillis() >= b.timestampMillis() ? a : b);
                }
              }
              List<PodEntry> entries = new ArrayList<>();
              for (Resource r : pods.items()) {
                Pod pod = (Pod) r;
                PodSample sample =
                    samples.get(pod.metadata().namespace() + "/" + pod.metadata().name());
                if (sample != null && filter.test(pod)) {
                  entries.add(new PodEntry(pod, sample));
                }
              }
              entries.sort(
                  java.util.Comparator.comparing((PodEntry e) -> e.pod().metadata().namespace())
                      .thenComparing(e -> e.pod().metadata().name()));
              return entries;
            });
  }

  /** Nodes matched by {@code filter}, with samples, sorted by name. */
  public Future<List<NodeEntry>> nodes(Predicate<Resource> filter) {
    return Future.all(store.list(Node.KIND, null), share.all())
        .map(
            both -> {
              ClusterStore.Listing listed = both.resultAt(0);
              List<NodeSample> nodes = both.resultAt(1);
              Map<String, NodeSample> byName = new HashMap<>();
              nodes.forEach(s -> byName.put(s.node(), s));
              List<NodeEntry> entries = new ArrayList<>();
              for (Resource r : listed.items()) {
                NodeSample sample = byName.get(r.metadata().name());
                if (sample != null && sample.windowMillis() > 0 && filter.test(r)) {
                  entries.add(new NodeEntry((Node) r, sample));
                }
              }
              entries.sort(java.util.Comparator.comparing(e -> e.node().metadata().name()));
              return entries;
            });
  }

  @Override
  public Future<Map<String, PodUsage>> pods(String namespace, Selector selector) {
    return pods(namespace, r -> selector.matches(r.metadata().labelsOrEmpty()))
        .map(
            entries -> {
              Map<String, PodUsage> usage = new LinkedHashMap<>();
              for (PodEntry e : entries) {
                PodSample s = e.sample();
                Map<String, ContainerUsage> containers = new LinkedHashMap<>();
                s.containers().forEach(c -> containers.put(c.name(), c));
                usage.put(
                    s.name(),
                    new PodUsage(
                        s.namespace(),
                        s.name(),
                        Math.round(s.cpuNanoCores() / 1_000_000.0),
                        s.memoryBytes(),
                        Instant.ofEpochMilli(s.timestampMillis()),
                        Duration.ofMillis(s.windowMillis()),
                        containers));
              }
              return usage;
            });
  }
}
