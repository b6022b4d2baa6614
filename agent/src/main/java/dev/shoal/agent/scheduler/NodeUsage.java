package dev.shoal.agent.scheduler;

import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.Taint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node as the scheduler sees it: what it offers (allocatable, labels, readiness) and what the
 * pods bound or assumed on it already use. Mutable, owned by one {@link SchedulingCache}; placement
 * reads it.
 */
public final class NodeUsage {

  static final long UNLIMITED = Long.MAX_VALUE;

  private Node node;
  private String name;
  private Map<String, String> labels = Map.of();
  private long allocatableMilliCpu = UNLIMITED;
  private long allocatableMemory = UNLIMITED;
  private long allocatablePods = UNLIMITED;
  private boolean ready;
  private boolean unschedulable;
  private List<Taint> noScheduleTaints = List.of();
  private List<Taint> preferNoScheduleTaints = List.of();

  private long requestedMilliCpu;
  private long requestedMemory;
  private long scoringMilliCpu;
  private long scoringMemory;
  private int podCount;

  /** Host ports in use, with how many pods use each (pods bound elsewhere may share one). */
  private final Map<String, Integer> hostPorts = new HashMap<>();

  private final OwnerCounts owners;
  private final int slot;

  NodeUsage(Node node, OwnerCounts owners, int slot) {
    this.owners = owners;
    this.slot = slot;
    update(node);
  }

  /**
   * Takes the node's new spec and status; the usage of its pods stays. Returns true when something
   * placement looks at changed (not for a mere heartbeat).
   */
  boolean update(Node value) {
    Object before = fingerprint();
    this.node = value;
    this.name = value.metadata().name();
    this.labels = value.metadata().labelsOrEmpty();
    Map<String, String> allocatable = value.status() == null ? null : value.status().allocatable();
    this.allocatableMilliCpu = amount(allocatable, "cpu", true);
    this.allocatableMemory = amount(allocatable, "memory", false);
    this.allocatablePods = amount(allocatable, "pods", false);
    this.ready = readyTrue(value);
    this.unschedulable = value.spec() != null && Boolean.TRUE.equals(value.spec().unschedulable());
    List<Taint> taints =
        value.spec() == null || value.spec().taints() == null ? List.of() : value.spec().taints();
    this.noScheduleTaints =
        taints.stream()
            .filter(t -> "NoSchedule".equals(t.effect()) || "NoExecute".equals(t.effect()))
            .toList();
    this.preferNoScheduleTaints =
        taints.stream().filter(t -> "PreferNoSchedule".equals(t.effect())).toList();
    return !before.equals(fingerprint());
  }

  private Object fingerprint() {
    return List.of(
        String.valueOf(name),
        labels,
        allocatableMilliCpu,
        allocatableMemory,
        allocatablePods,
        ready,
        unschedulable,
        noScheduleTaints,
        preferNoScheduleTaints);
  }

  void add(PodRequest pod) {
    change(pod, 1);
  }

  void remove(PodRequest pod) {
    change(pod, -1);
  }

  private void change(PodRequest pod, int sign) {
    requestedMilliCpu += sign * pod.milliCpu();
    requestedMemory += sign * pod.memoryBytes();
    scoringMilliCpu += sign * pod.scoringMilliCpu();
    scoringMemory += sign * pod.scoringMemory();
    podCount += sign;
    for (String port : pod.hostPorts()) {
      hostPorts.merge(port, sign, (a, b) -> a + b <= 0 ? null : a + b);
    }
    owners.add(pod.ownerUid(), slot, sign);
  }

  public Node node() {
    return node;
  }

  public String name() {
    return name;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public boolean ready() {
    return ready;
  }

  public boolean unschedulable() {
    return unschedulable;
  }

  /** The taints that keep pods off the node unless tolerated: NoSchedule and NoExecute. */
  public List<Taint> noScheduleTaints() {
    return noScheduleTaints;
  }

  /** The taints a pod should avoid if it can (scored, not filtered). */
  public List<Taint> preferNoScheduleTaints() {
    return preferNoScheduleTaints;
  }

  public long allocatableMilliCpu() {
    return allocatableMilliCpu;
  }

  public long allocatableMemory() {
    return allocatableMemory;
  }

  public long allocatablePods() {
    return allocatablePods;
  }

  public long requestedMilliCpu() {
    return requestedMilliCpu;
  }

  public long requestedMemory() {
    return requestedMemory;
  }

  long scoringMilliCpu() {
    return scoringMilliCpu;
  }

  long scoringMemory() {
    return scoringMemory;
  }

  public int podCount() {
    return podCount;
  }

  public boolean hostPortInUse(String protocolAndPort) {
    return hostPorts.containsKey(protocolAndPort);
  }

  public int podsOfOwner(String ownerUid) {
    return owners.count(ownerUid, slot);
  }

  private static boolean readyTrue(Node node) {
    if (node.status() == null || node.status().conditions() == null) {
      return false;
    }
    for (NodeCondition c : node.status().conditions()) {
      if ("Ready".equals(c.type())) {
        return "True".equals(c.status());
      }
    }
    return false;
  }

  private static long amount(Map<String, String> values, String resource, boolean milli) {
    String text = values == null ? null : values.get(resource);
    return text == null ? UNLIMITED : PodRequest.quantity(text, milli);
  }
}
