package dev.shoal.agent.scheduler.bench;

import dev.shoal.agent.store.InMemoryStore;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.NodeStatus;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.ResourceRequirements;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's objects: hollow nodes (Node objects only; 4 cpu, 16Gi, 110 pods, one of four
 * zones) and pods of 200 owners asking 100m/128Mi, every tenth pinned to a zone by nodeSelector.
 */
final class BenchCluster {

  static final String[] ZONES = {"zone-a", "zone-b", "zone-c", "zone-d"};

  private BenchCluster() {}

  static InMemoryStore store(int pods) {
    return new InMemoryStore(Clock.systemUTC(), Math.max(10_000, pods * 3 + 10_000));
  }

  static Node node(int i) {
    Instant now = Instant.now();
    Map<String, String> allocatable = Map.of("cpu", "4", "memory", "16Gi", "pods", "110");
    return new Node(
        ObjectMeta.named(null, String.format("hollow-%04d", i))
            .withLabels(Map.of("topology.kubernetes.io/zone", ZONES[i % ZONES.length])),
        new NodeSpec(null, null, null, null),
        new NodeStatus(
            allocatable,
            allocatable,
            List.of(new NodeCondition("Ready", "True", "KubeletReady", null, now, now)),
            null,
            null));
  }

  static Pod pod(int i) {
    int owner = i % 200;
    Container c =
        new Container(
            "app",
            "shoal-test/busybox:1",
            null,
            null,
            null,
            null,
            null,
            new ResourceRequirements(Map.of("cpu", "100m", "memory", "128Mi"), null),
            null,
            null,
            null,
            null);
    PodSpec spec = PodSpec.of(List.of(c));
    if (i % 10 == 0) {
      spec =
          spec.withNodeSelector(
              Map.of("topology.kubernetes.io/zone", ZONES[(i / 10) % ZONES.length]));
    }
    OwnerReference ref =
        new OwnerReference(
            "apps/v1", "ReplicaSet", "owner-" + owner, "owner-uid-" + owner, true, true);
    ObjectMeta meta =
        ObjectMeta.named("bench", String.format("pod-%06d", i))
            .withLabels(Map.of("app", "owner-" + owner))
            .withOwnerReferences(List.of(ref));
    return new Pod(meta, spec, null);
  }
}
