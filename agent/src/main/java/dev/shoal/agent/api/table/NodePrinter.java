package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeAddress;
import dev.shoal.manifests.model.NodeCondition;
import dev.shoal.manifests.model.NodeSystemInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code NAME STATUS ROLES AGE VERSION}, wide {@code INTERNAL-IP EXTERNAL-IP OS-IMAGE
 * KERNEL-VERSION CONTAINER-RUNTIME}.
 */
final class NodePrinter implements Printer<Node> {

  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final String ROLE_LABEL = "kubernetes.io/role";

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Status", "The status of the node"),
          Column.text("Roles", "The roles of the node"),
          Column.age(),
          Column.text("Version", "Kubelet Version reported by the node."),
          Column.wide("Internal-IP", "List of addresses reachable to the node."),
          Column.wide("External-IP", "List of addresses reachable to the node."),
          Column.wide(
              "OS-Image",
              "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
          Column.wide(
              "Kernel-Version",
              "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
          Column.wide(
              "Container-Runtime",
              "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Node node, Instant now) {
    NodeSystemInfo info =
        node.status() == null || node.status().nodeInfo() == null
            ? new NodeSystemInfo(null, null, null, null, null, null, null)
            : node.status().nodeInfo();
    return List.of(
        node.metadata().name(),
        status(node),
        roles(node.metadata().labelsOrEmpty()),
        Ages.since(node.metadata().creationTimestamp(), now),
        Cells.orEmpty(info.kubeletVersion()),
        address(node, "InternalIP"),
        address(node, "ExternalIP"),
        unknownIfEmpty(info.osImage()),
        unknownIfEmpty(info.kernelVersion()),
        unknownIfEmpty(info.containerRuntimeVersion()));
  }

  private static String status(Node node) {
    List<String> parts = new ArrayList<>();
    List<NodeCondition> conditions =
        node.status() == null || node.status().conditions() == null
            ? List.of()
            : node.status().conditions();
    for (NodeCondition c : conditions) {
      if ("Ready".equals(c.type())) {
        parts.add("True".equals(c.status()) ? "Ready" : "NotReady");
      }
    }
    if (parts.isEmpty()) {
      parts.add("Unknown");
    }
    if (node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable())) {
      parts.add("SchedulingDisabled");
    }
    return String.join(",", parts);
  }

  private static String roles(Map<String, String> labels) {
    TreeSet<String> roles = new TreeSet<>();
    labels.forEach(
        (key, value) -> {
          if (key.startsWith(ROLE_PREFIX) && key.length() > ROLE_PREFIX.length()) {
            roles.add(key.substring(ROLE_PREFIX.length()));
          } else if (key.equals(ROLE_LABEL) && !value.isEmpty()) {
            roles.add(value);
          }
        });
    return roles.isEmpty() ? Cells.NONE : String.join(",", roles);
  }

  private static String address(Node node, String type) {
    if (node.status() == null || node.status().addresses() == null) {
      return Cells.NONE;
    }
    return node.status().addresses().stream()
        .filter(a -> type.equals(a.type()))
        .map(NodeAddress::address)
        .findFirst()
        .orElse(Cells.NONE);
  }

  private static String unknownIfEmpty(String value) {
    return value == null || value.isEmpty() ? "<unknown>" : value;
  }
}
