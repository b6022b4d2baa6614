package dev.shoal.agent.addresses;

import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pure: what an update of a Service keeps from the stored one when it leaves it out, as the
 * Kubernetes API server does: the ClusterIP, and for a NodePort service each port's nodePort (the
 * stored port with the same name, or else the same port number and protocol).
 */
final class ServiceCarryOver {

  private ServiceCarryOver() {}

  static Service apply(Service old, Service updated) {
    ServiceSpec o = old.spec();
    ServiceSpec n = updated.spec();
    if (o == null || n == null) {
      return updated;
    }
    ServiceSpec spec = n;
    if ((n.clusterIP() == null || n.clusterIP().isEmpty()) && o.clusterIP() != null) {
      spec = spec.withClusterIP(o.clusterIP());
    }
    if ("NodePort".equals(n.type())) {
      List<ServicePort> ports = new ArrayList<>();
      for (ServicePort p : n.portsOrEmpty()) {
        Integer kept =
            p.nodePort() != null && p.nodePort() > 0 ? p.nodePort() : storedNodePort(o, p);
        ports.add(new ServicePort(p.name(), p.protocol(), p.port(), p.targetPort(), kept));
      }
      spec = spec.withPorts(ports);
    }
    return updated.withSpec(spec);
  }

  private static Integer storedNodePort(ServiceSpec old, ServicePort wanted) {
    if (!"NodePort".equals(old.type())) {
      return null;
    }
    for (ServicePort p : old.portsOrEmpty()) {
      if (wanted.name() != null && !wanted.name().isEmpty() && wanted.name().equals(p.name())) {
        return p.nodePort();
      }
    }
    for (ServicePort p : old.portsOrEmpty()) {
      if (Objects.equals(p.port(), wanted.port()) && protocol(p).equals(protocol(wanted))) {
        return p.nodePort();
      }
    }
    return null;
  }

  private static String protocol(ServicePort p) {
    return p.protocol() == null ? "TCP" : p.protocol();
  }
}
