package dev.shoal.agent.runtime;

/**
 * A pod port published on the node ({@code hostPort} in a container's ports), bound on the sandbox,
 * which owns the pod's network namespace.
 *
 * @param hostIP the node address to bind, or null for all
 * @param protocol {@code TCP} or {@code UDP}
 */
public record PortMapping(String hostIP, int hostPort, int containerPort, String protocol) {
  public PortMapping {
    protocol =
        protocol == null || protocol.isBlank()
            ? "TCP"
            : protocol.toUpperCase(java.util.Locale.ROOT);
  }
}
