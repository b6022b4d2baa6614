package dev.shoal.dns;

import java.util.List;

/**
 * A service as DNS sees it. {@code clusterIp} is null, empty or "None" for a headless service,
 * whose names then resolve to its ready endpoints (or all of them when {@code
 * publishNotReadyAddresses}).
 */
public record ServiceEntry(
    String namespace,
    String name,
    String clusterIp,
    List<ServicePort> ports,
    boolean publishNotReadyAddresses) {

  public ServiceEntry {
    ports = ports == null ? List.of() : List.copyOf(ports);
  }

  public static ServiceEntry clusterIp(
      String namespace, String name, String clusterIp, List<ServicePort> ports) {
    return new ServiceEntry(namespace, name, clusterIp, ports, false);
  }

  public static ServiceEntry headless(String namespace, String name, List<ServicePort> ports) {
    return new ServiceEntry(namespace, name, null, ports, false);
  }

  public boolean isHeadless() {
    return clusterIp == null || clusterIp.isBlank() || "None".equals(clusterIp);
  }
}
