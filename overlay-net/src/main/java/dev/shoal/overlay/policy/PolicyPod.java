package dev.shoal.overlay.policy;

import dev.shoal.overlay.nft.Protocol;
import java.util.List;
import java.util.Map;

/**
 * What policy needs of a pod: where it is, its labels, its address and its container ports (for
 * named ports). A pod without an address is neither selected nor a peer yet; a hostNetwork pod
 * counts as its node (never selected, never a pod peer).
 */
public record PolicyPod(
    String namespace,
    String name,
    Map<String, String> labels,
    String ip,
    String node,
    boolean hostNetwork,
    List<NamedPort> ports) {

  /** A container port with a name. */
  public record NamedPort(String name, Protocol protocol, int port) {}

  public PolicyPod {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  public String key() {
    return namespace + "/" + name;
  }

  /** Takes part in policy: has an address and its own network. */
  public boolean addressed() {
    return ip != null && !ip.isEmpty() && !hostNetwork;
  }
}
