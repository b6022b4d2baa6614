package dev.shoal.dns;

import java.util.List;

/**
 * One endpoint address of a service: the pod IP, the pod's hostname when it set one (spec.hostname
 * with a matching subdomain), whether it is ready, and the ports it serves (named like the
 * service's ports).
 */
public record EndpointEntry(String ip, String hostname, boolean ready, List<ServicePort> ports) {

  public EndpointEntry {
    ports = ports == null ? List.of() : List.copyOf(ports);
    hostname = hostname == null || hostname.isEmpty() ? null : hostname;
  }

  public static EndpointEntry ready(String ip, List<ServicePort> ports) {
    return new EndpointEntry(ip, null, true, ports);
  }
}
