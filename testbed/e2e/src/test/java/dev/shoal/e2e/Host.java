package dev.shoal.e2e;

import java.net.URI;

/**
 * One test bed host as {@code testbed/testbed up} prints it: {@code <name> <underlay-ip>
 * <api-base-url>}.
 *
 * @param name node name and test bed host name (h1, h2, ...)
 * @param ip underlay address (agent API, Hazelcast)
 * @param api base URL of the agent's HTTP API
 */
public record Host(String name, String ip, URI api) {

  static Host parse(String line) {
    String[] parts = line.trim().split("\\s+");
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a host line: '" + line + "'");
    }
    return new Host(parts[0], parts[1], URI.create(parts[2]));
  }
}
