package dev.shoal.agent.network;

import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.overlay.nft.Protocol;
import dev.shoal.overlay.nft.ServicePortRule;
import dev.shoal.overlay.nft.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pure: the dataplane's service ports from the cluster's Services and Endpoints, as this node sees
 * them. One {@link ServicePortRule} per port of every service with a ClusterIP (headless ones get
 * none), its NodePort for NodePort services, {@code externalTrafficPolicy: Local}, ClientIP
 * affinity with its timeout, and as targets the ready addresses of the service's Endpoints with the
 * endpoint port of the same name (the endpoints controller resolved each pod's named {@code
 * targetPort}; with one port on both sides, that one), marked local when the address's {@code
 * nodeName} is this node.
 */
public final class ServicePortRules {

  private ServicePortRules() {}

  public static List<ServicePortRule> build(
      List<Service> services, List<Endpoints> endpoints, String nodeName) {
    Map<String, Endpoints> byService = new HashMap<>();
    for (Endpoints e : endpoints) {
      byService.put(e.metadata().namespaceOrDefault() + "/" + e.metadata().name(), e);
    }
    List<ServicePortRule> out = new ArrayList<>();
    for (Service s : services) {
      ServiceSpec spec = s.spec();
      if (spec == null
          || spec.isHeadless()
          || spec.clusterIP() == null
          || spec.clusterIP().isEmpty()) {
        continue;
      }
      String name = s.metadata().namespaceOrDefault() + "/" + s.metadata().name();
      Endpoints eps = byService.get(name);
      List<ServicePort> ports = spec.portsOrEmpty();
      int affinity = "ClientIP".equals(spec.sessionAffinity()) ? spec.clientIpTimeoutSeconds() : 0;
      for (ServicePort p : ports) {
        Optional<Protocol> protocol = Protocol.parse(p.protocol());
        if (p.port() == null || protocol.isEmpty()) {
          continue;
        }
        String id =
            name + "/" + (blankToNull(p.name()) == null ? String.valueOf(p.port()) : p.name());
        ServicePortRule rule =
            new ServicePortRule(
                id,
                protocol.get(),
                spec.clusterIP(),
                p.port(),
                0,
                false,
                affinity,
                targets(eps, p, protocol.get(), ports.size() == 1, nodeName));
        if ("NodePort".equals(spec.type()) && p.nodePort() != null && p.nodePort() > 0) {
          rule = rule.withNodePort(p.nodePort(), spec.externalTrafficLocal());
        }
        out.add(rule);
      }
    }
    return out;
  }

  private static List<Target> targets(
      Endpoints eps,
      ServicePort servicePort,
      Protocol protocol,
      boolean singlePort,
      String nodeName) {
    Set<Target> out = new LinkedHashSet<>();
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
          out.add(
              new Target(a.ip(), port.port(), nodeName != null && nodeName.equals(a.nodeName())));
        }
      }
    }
    return List.copyOf(out);
  }

  private static EndpointPort matching(
      List<EndpointPort> ports, ServicePort servicePort, Protocol protocol, boolean singlePort) {
    if (ports == null || ports.isEmpty()) {
      return null;
    }
    for (EndpointPort ep : ports) {
      if (Protocol.parse(ep.protocol()).equals(Optional.of(protocol))
          && Objects.equals(blankToNull(ep.name()), blankToNull(servicePort.name()))) {
        return ep;
      }
    }
    if (singlePort
        && ports.size() == 1
        && Protocol.parse(ports.get(0).protocol()).equals(Optional.of(protocol))) {
      return ports.get(0);
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
