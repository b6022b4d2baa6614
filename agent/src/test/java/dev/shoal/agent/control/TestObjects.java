package dev.shoal.agent.control;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerPort;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.NodeStatus;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.ReplicaSetSpec;
import dev.shoal.manifests.model.ResourceRequirements;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders for the objects tests put into a store. */
public final class TestObjects {

  private TestObjects() {}

  public static Node node(String name, String cpu, String memory, Instant heartbeat) {
    NodeCondition ready =
        new NodeCondition("Ready", "True", "KubeletReady", null, heartbeat, heartbeat);
    Map<String, String> allocatable = Map.of("cpu", cpu, "memory", memory, "pods", "110");
    return new Node(
        ObjectMeta.named(null, name).withLabels(Map.of("kubernetes.io/hostname", name)),
        new NodeSpec(null, null, null, null),
        new NodeStatus(allocatable, allocatable, List.of(ready), null, null));
  }

  public static Node node(String name) {
    return node(name, "4", "8Gi", Instant.now());
  }

  public static Container container(String cpu, String memory) {
    Container c = Container.of("app", "shoal-test/busybox:1");
    Map<String, String> requests = new java.util.HashMap<>();
    if (cpu != null) {
      requests.put("cpu", cpu);
    }
    if (memory != null) {
      requests.put("memory", memory);
    }
    return new Container(
        c.name(),
        c.image(),
        null,
        null,
        null,
        null,
        null,
        new ResourceRequirements(requests, null),
        null,
        null,
        null,
        null);
  }

  public static Pod pod(
      String namespace, String name, Map<String, String> labels, Container... containers) {
    return new Pod(
        ObjectMeta.named(namespace, name).withLabels(labels),
        PodSpec.of(List.of(containers)),
        null);
  }

  public static Container withPort(Container c, String name, int port, Integer hostPort) {
    return c.withPorts(List.of(new ContainerPort(name, port, hostPort, "TCP")));
  }

  public static PodTemplateSpec template(Map<String, String> labels, String image) {
    return new PodTemplateSpec(
        ObjectMeta.named(null, null).withLabels(labels),
        PodSpec.of(List.of(Container.of("app", image))));
  }

  public static ReplicaSet replicaSet(
      String namespace, String name, int replicas, Map<String, String> labels) {
    return new ReplicaSet(
        ObjectMeta.named(namespace, name),
        new ReplicaSetSpec(
            replicas,
            null,
            LabelSelector.matching(labels),
            template(labels, "shoal-test/busybox:1")),
        null);
  }
}
