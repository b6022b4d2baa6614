package dev.shoal.agent.scheduler;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerPort;
import dev.shoal.manifests.model.NodeSelector;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Quantity;
import dev.shoal.manifests.model.Taint;
import dev.shoal.manifests.model.Toleration;
import dev.shoal.manifests.selectors.NodeAffinityMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a pod asks of a node, read once from the pod (immutable): summed requests (init containers
 * count by their maximum, as Kubernetes), node selector and required node affinity, tolerations,
 * host ports ({@code protocol/port}) and its controller's uid.
 */
public final class PodRequest {

  private final ObjectKey key;
  private final long milliCpu;
  private final long memoryBytes;
  private final Map<String, String> nodeSelector;
  private final List<String> hostPorts;
  private final String ownerUid;
  private final List<Toleration> tolerations;
  private final NodeSelector requiredAffinity;
  private final String[] selectorKeys;
  private final String[] selectorValues;
  private List<NodeSelector> volumeAffinity = List.of();

  public PodRequest(
      ObjectKey key,
      long milliCpu,
      long memoryBytes,
      Map<String, String> nodeSelector,
      List<String> hostPorts,
      String ownerUid) {
    this(key, milliCpu, memoryBytes, nodeSelector, hostPorts, ownerUid, List.of(), null);
  }

  /** With the pod's tolerations and required node affinity (null: none). */
  public PodRequest(
      ObjectKey key,
      long milliCpu,
      long memoryBytes,
      Map<String, String> nodeSelector,
      List<String> hostPorts,
      String ownerUid,
      List<Toleration> tolerations,
      NodeSelector requiredAffinity) {
    this.key = key;
    this.tolerations = tolerations;
    this.requiredAffinity = requiredAffinity;
    this.milliCpu = milliCpu;
    this.memoryBytes = memoryBytes;
    this.nodeSelector = nodeSelector;
    this.hostPorts = hostPorts;
    this.ownerUid = ownerUid;
    this.selectorKeys = new String[nodeSelector.size()];
    this.selectorValues = new String[nodeSelector.size()];
    int i = 0;
    for (Map.Entry<String, String> term : nodeSelector.entrySet()) {
      selectorKeys[i] = term.getKey();
      selectorValues[i++] = term.getValue();
    }
  }

  public ObjectKey key() {
    return key;
  }

  public long milliCpu() {
    return milliCpu;
  }

  public long memoryBytes() {
    return memoryBytes;
  }

  public Map<String, String> nodeSelector() {
    return nodeSelector;
  }

  public List<String> hostPorts() {
    return hostPorts;
  }

  public String ownerUid() {
    return ownerUid;
  }

  public List<Toleration> tolerations() {
    return tolerations;
  }

  /** True when a toleration of the pod tolerates the taint. */
  public boolean tolerates(Taint taint) {
    return Toleration.anyTolerates(tolerations, taint);
  }

  /** The pod's required node affinity holds on the node (true when it has none). */
  boolean affinityMatches(String nodeName, Map<String, String> labels) {
    return NodeAffinityMatch.matches(requiredAffinity, nodeName, labels);
  }

  /**
   * This request with the node rules of the pod's volumes (see {@link VolumeBinding}); the request
   * is otherwise unchanged.
   */
  public PodRequest withVolumeAffinity(List<NodeSelector> rules) {
    PodRequest copy =
        new PodRequest(
            key,
            milliCpu,
            memoryBytes,
            nodeSelector,
            hostPorts,
            ownerUid,
            tolerations,
            requiredAffinity);
    copy.volumeAffinity = List.copyOf(rules);
    return copy;
  }

  /** The pod's volumes can be reached from the node (true when they set no rule). */
  boolean volumesFit(String nodeName, Map<String, String> labels) {
    return volumeAffinity.isEmpty() || VolumeBinding.fits(volumeAffinity, nodeName, labels);
  }

  /** Kubernetes scores pods without requests as if they asked this much, so they still spread. */
  static final long DEFAULT_MILLI_CPU = 100;

  static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

  public static PodRequest of(Pod pod) {
    long cpu = 0;
    long memory = 0;
    List<String> ports = new ArrayList<>();
    for (Container c : pod.spec().containersOrEmpty()) {
      cpu += request(c, "cpu", true);
      memory += request(c, "memory", false);
      for (ContainerPort p : c.portsOrEmpty()) {
        if (p.hostPort() != null && p.hostPort() > 0) {
          ports.add((p.protocol() == null ? "TCP" : p.protocol()) + "/" + p.hostPort());
        }
      }
    }
    for (Container c : pod.spec().initContainersOrEmpty()) {
      cpu = Math.max(cpu, request(c, "cpu", true));
      memory = Math.max(memory, request(c, "memory", false));
    }
    String owner = PodFacts.controllerOf(pod).map(r -> r.uid()).orElse(null);
    Map<String, String> selector =
        pod.spec().nodeSelector() == null ? Map.of() : pod.spec().nodeSelector();
    return new PodRequest(
        ObjectKey.of(pod),
        cpu,
        memory,
        selector,
        List.copyOf(ports),
        owner,
        pod.spec().tolerationsOrEmpty(),
        pod.spec().requiredNodeAffinity());
  }

  /** True when {@code labels} carry every pair of the node selector. */
  boolean selectorMatches(Map<String, String> labels) {
    for (int i = 0; i < selectorKeys.length; i++) {
      if (!selectorValues[i].equals(labels.get(selectorKeys[i]))) {
        return false;
      }
    }
    return true;
  }

  long scoringMilliCpu() {
    return milliCpu == 0 ? DEFAULT_MILLI_CPU : milliCpu;
  }

  long scoringMemory() {
    return memoryBytes == 0 ? DEFAULT_MEMORY : memoryBytes;
  }

  private static long request(Container c, String resource, boolean milli) {
    if (c.resources() == null || c.resources().requests() == null) {
      return 0;
    }
    String text = c.resources().requests().get(resource);
    return text == null ? 0 : quantity(text, milli);
  }

  /**
   * Parsed quantities by text: pods repeat a handful of request strings, and parsing is not cheap.
   */
  private static final Map<String, Long> MILLI = new ConcurrentHashMap<>();

  private static final Map<String, Long> WHOLE = new ConcurrentHashMap<>();
  private static final int CACHE_LIMIT = 4096;

  /**
   * Parses a quantity string; an unparsable one (validation should have refused it) counts as zero.
   */
  static long quantity(String text, boolean milli) {
    Map<String, Long> cache = milli ? MILLI : WHOLE;
    Long known = cache.get(text);
    if (known != null) {
      return known;
    }
    long value = parse(text, milli);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(text, value);
    return value;
  }

  private static long parse(String text, boolean milli) {
    var parsed = Quantity.parse(text);
    if (!parsed.isOk()) {
      return 0;
    }
    Quantity q = parsed.value();
    return milli ? q.milliValue() : q.value();
  }
}
