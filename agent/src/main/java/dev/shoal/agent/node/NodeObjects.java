package dev.shoal.agent.node;

import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeAddress;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.NodeStatus;
import dev.shoal.manifests.model.NodeSystemInfo;
import dev.shoal.manifests.model.ObjectMeta;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds and refreshes this agent's Node object, as pure functions of the facts and the clock. */
public final class NodeObjects {

  public static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
  public static final String OS_LABEL = "kubernetes.io/os";
  public static final String ARCH_LABEL = "kubernetes.io/arch";

  private NodeObjects() {}

  /** A new Node for this host, Ready as of {@code now}. */
  public static Node initial(NodeFacts facts, Instant now) {
    ObjectMeta meta =
        ObjectMeta.named(null, facts.nodeName()).withLabels(ownLabels(facts, Map.of()));
    return new Node(meta, new NodeSpec(null, null, null, null), status(facts, null, now));
  }

  /**
   * The stored Node brought up to date: labels set by users are kept (ours are added if missing),
   * spec is kept, status is rewritten from the facts with a fresh Ready heartbeat.
   */
  public static Node refreshed(Node stored, NodeFacts facts, Instant now) {
    ObjectMeta meta =
        stored.metadata().withLabels(ownLabels(facts, stored.metadata().labelsOrEmpty()));
    return new Node(meta, stored.spec(), status(facts, stored.status(), now));
  }

  private static Map<String, String> ownLabels(NodeFacts facts, Map<String, String> existing) {
    Map<String, String> labels = new TreeMap<>(existing);
    labels.putIfAbsent(HOSTNAME_LABEL, facts.nodeName());
    labels.putIfAbsent(OS_LABEL, "linux");
    labels.putIfAbsent(ARCH_LABEL, arch());
    return labels;
  }

  private static NodeStatus status(NodeFacts facts, NodeStatus previous, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    Map<String, String> capacity =
        new TreeMap<>(
            Map.of(
                "cpu", Integer.toString(facts.cpuCores()),
                "memory", (facts.memoryBytes() / 1024) + "Ki",
                "pods", Integer.toString(facts.maxPods())));
    Instant transition = at;
    List<NodeCondition> others = new ArrayList<>();
    if (previous != null && previous.conditions() != null) {
      for (NodeCondition condition : previous.conditions()) {
        if ("Ready".equals(condition.type())) {
          if ("True".equals(condition.status()) && condition.lastTransitionTime() != null) {
            transition = condition.lastTransitionTime();
          }
        } else {
          others.add(condition);
        }
      }
    }
    List<NodeCondition> conditions = new ArrayList<>();
    conditions.add(
        new NodeCondition(
            "Ready", "True", "AgentReady", "shoal agent is posting ready status", at, transition));
    conditions.addAll(others);
    List<NodeAddress> addresses = new ArrayList<>();
    if (facts.internalIp() != null) {
      addresses.add(new NodeAddress("InternalIP", facts.internalIp()));
    }
    addresses.add(new NodeAddress("Hostname", facts.nodeName()));
    NodeSystemInfo info =
        new NodeSystemInfo(
            null,
            System.getProperty("os.version"),
            System.getProperty("os.name"),
            "docker",
            "shoal",
            "linux",
            arch());
    return new NodeStatus(capacity, new TreeMap<>(capacity), conditions, addresses, info);
  }

  private static String arch() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
  }
}
