package dev.shoal.agent.network;

import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.overlay.lb.Affinity;
import dev.shoal.overlay.lb.Backend;
import dev.shoal.overlay.lb.ServiceFrontend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Pure: the load balancer's complete desired state from the services and endpoints of the cluster. One
 * frontend per port of every service with a ClusterIP ({@code clusterIP:port/protocol}), plus
 * {@code 0.0.0.0:nodePort} for NodePort services; a UDP NodePort instead gets one frontend per address of
 * the node (a socket bound to every address answers from whichever address the route picks, not the one
 * the client sent to, and a client with a connected socket drops such answers). Backends are the ready addresses of the service's
 * Endpoints with the endpoint port of the same name (or the only one, when both sides have one port),
 * sorted so that equal inputs give equal frontends. Headless services and protocols the proxy does not
 * carry (SCTP) get no frontend.
 */
public final class ServiceFrontends {

  public static final String ANY_ADDRESS = "0.0.0.0";

  private ServiceFrontends() {}

  public static List<ServiceFrontend> build(List<Service> services, List<Endpoints> endpoints) {
    return build(services, endpoints, List.of());
  }

  /** {@code nodeAddresses}: this node's IPv4 addresses, for UDP NodePorts (empty: bind them to every address). */
  public static List<ServiceFrontend> build(List<Service> services, List<Endpoints> endpoints,
      List<String> nodeAddresses) {
    Map<String, Endpoints> byService = new HashMap<>();
    for (Endpoints e : endpoints) {
      byService.put(key(e.metadata().namespaceOrDefault(), e.metadata().name()), e);
    }
    List<ServiceFrontend> frontends = new ArrayList<>();
    for (Service s : services) {
      ServiceSpec spec = s.spec();
      if (spec == null || spec.isHeadless() || spec.clusterIP() == null || spec.clusterIP().isEmpty()) {
        continue;
      }
      String name = key(s.metadata().namespaceOrDefault(), s.metadata().name());
      Endpoints eps = byService.get(name);
      Affinity affinity = "ClientIP".equals(spec.sessionAffinity())
          ? Affinity.clientIp(Affinity.DEFAULT_CLIENT_IP_TIMEOUT) : Affinity.NONE;
      List<ServicePort> ports = spec.portsOrEmpty();
      for (ServicePort p : ports) {
        String protocol = p.protocol() == null ? "TCP" : p.protocol().toUpperCase(Locale.ROOT);
        if (p.port() == null || !(protocol.equals("TCP") || protocol.equals("UDP"))) {
          continue;
        }
        List<Backend> backends = backends(eps, p, protocol, ports.size() == 1);
        String portKey = name + ":" + (p.name() == null || p.name().isEmpty() ? p.port() : p.name()) + "/" + protocol;
        frontends.add(new ServiceFrontend(portKey, protocol, spec.clusterIP(), p.port(), backends, affinity));
        if ("NodePort".equals(spec.type()) && p.nodePort() != null && p.nodePort() > 0) {
          if (protocol.equals("UDP") && !nodeAddresses.isEmpty()) {
            for (String address : nodeAddresses) {
              frontends.add(new ServiceFrontend(portKey + "@nodePort/" + address, protocol, address, p.nodePort(),
                  backends, affinity));
            }
          } else {
            frontends.add(new ServiceFrontend(portKey + "@nodePort", protocol, ANY_ADDRESS, p.nodePort(), backends,
                affinity));
          }
        }
      }
    }
    return frontends;
  }

  private static List<Backend> backends(Endpoints eps, ServicePort servicePort, String protocol, boolean singlePort) {
    TreeSet<Backend> out = new TreeSet<>((a, b) -> a.ip().equals(b.ip())
        ? Integer.compare(a.port(), b.port()) : a.ip().compareTo(b.ip()));
    if (eps == null || eps.subsets() == null) {
      return List.of();
    }
    for (EndpointSubset subset : eps.subsets()) {
      EndpointPort port = matching(subset.ports(), servicePort, protocol, singlePort);
      if (port == null || port.port() == null || subset.addresses() == null) {
        continue;
      }
      for (EndpointAddress a : subset.addresses()) {
        if (a.ip() != null) {
          out.add(new Backend(a.ip(), port.port()));
        }
      }
    }
    return List.copyOf(out);
  }

  private static EndpointPort matching(List<EndpointPort> ports, ServicePort servicePort, String protocol,
      boolean singlePort) {
    if (ports == null || ports.isEmpty()) {
      return null;
    }
    for (EndpointPort ep : ports) {
      String epProtocol = ep.protocol() == null ? "TCP" : ep.protocol().toUpperCase(Locale.ROOT);
      if (epProtocol.equals(protocol) && Objects.equals(blankToNull(ep.name()), blankToNull(servicePort.name()))) {
        return ep;
      }
    }
    if (singlePort && ports.size() == 1) {
      EndpointPort only = ports.get(0);
      String epProtocol = only.protocol() == null ? "TCP" : only.protocol().toUpperCase(Locale.ROOT);
      return epProtocol.equals(protocol) ? only : null;
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
