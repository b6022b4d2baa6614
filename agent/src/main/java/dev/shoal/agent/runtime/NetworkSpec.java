package dev.shoal.agent.runtime;

import java.util.Map;

/**
 * An engine bridge network: its name, IPv4 subnet and gateway (CIDR and address text), and the
 * driver options (e.g. {@code com.docker.network.bridge.name}).
 */
public record NetworkSpec(String name, String subnet, String gateway, Map<String, String> options) {

  public NetworkSpec {
    options = options == null ? Map.of() : Map.copyOf(options);
  }
}
