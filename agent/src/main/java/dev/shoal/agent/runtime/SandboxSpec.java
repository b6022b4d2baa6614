package dev.shoal.agent.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a pod sandbox needs: a unique container name, the pause image, the engine network that gives
 * the pod its IP, the pod's hostname (shared by every container of the pod), DNS settings (empty
 * lists keep the engine's defaults), ports published on the node, and labels.
 */
public record SandboxSpec(
    String name,
    String image,
    String network,
    String hostname,
    List<String> dnsServers,
    List<String> dnsSearches,
    List<String> dnsOptions,
    List<PortMapping> ports,
    Map<String, String> labels) {

  public SandboxSpec {
    dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    dnsSearches = dnsSearches == null ? List.of() : List.copyOf(dnsSearches);
    dnsOptions = dnsOptions == null ? List.of() : List.copyOf(dnsOptions);
    ports = ports == null ? List.of() : List.copyOf(ports);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** The same sandbox with the given image (the worker fills in the pause image last). */
  public SandboxSpec withImage(String value) {
    return new SandboxSpec(
        name, value, network, hostname, dnsServers, dnsSearches, dnsOptions, ports, labels);
  }
}
