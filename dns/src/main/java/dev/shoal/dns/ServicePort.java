package dev.shoal.dns;

/**
 * A port of a service or an endpoint. {@code name} may be null or empty (such ports get no SRV
 * record); {@code protocol} is TCP, UDP or SCTP (null means TCP).
 */
public record ServicePort(String name, String protocol, int port) {

  public ServicePort {
    protocol = protocol == null || protocol.isBlank() ? "TCP" : protocol;
  }

  public static ServicePort tcp(String name, int port) {
    return new ServicePort(name, "TCP", port);
  }

  public static ServicePort udp(String name, int port) {
    return new ServicePort(name, "UDP", port);
  }

  boolean named() {
    return name != null && !name.isEmpty();
  }
}
