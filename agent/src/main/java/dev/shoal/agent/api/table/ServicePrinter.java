package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.LoadBalancerIngress;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** {@code NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE}, wide {@code SELECTOR}. */
final class ServicePrinter implements Printer<Service> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Type", "type determines how the Service is exposed."),
          Column.text("Cluster-IP", "clusterIP is the IP address of the service."),
          Column.text(
              "External-IP",
              "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
          Column.text("Port(s)", "The list of ports that are exposed by this service."),
          Column.age(),
          Column.wide(
              "Selector",
              "Route service traffic to pods with label keys and values matching this selector."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Service svc, Instant now) {
    ServiceSpec spec = svc.spec();
    String type = spec == null || spec.type() == null ? "ClusterIP" : spec.type();
    String clusterIp = Cells.NONE;
    if (spec != null && spec.clusterIPs() != null && !spec.clusterIPs().isEmpty()) {
      clusterIp = spec.clusterIPs().get(0);
    } else if (spec != null && spec.clusterIP() != null && !spec.clusterIP().isEmpty()) {
      clusterIp = spec.clusterIP();
    }
    String ports =
        spec == null || spec.ports() == null
            ? ""
            : spec.ports().stream().map(ServicePrinter::port).collect(Collectors.joining(","));
    return List.of(
        svc.metadata().name(),
        type,
        clusterIp,
        externalIp(svc, type),
        ports.isEmpty() ? Cells.NONE : ports,
        Ages.since(svc.metadata().creationTimestamp(), now),
        Cells.labels(spec == null ? null : spec.selector()));
  }

  private static String port(ServicePort p) {
    String protocol = p.protocol() == null ? "TCP" : p.protocol();
    return p.nodePort() != null && p.nodePort() > 0
        ? p.port() + ":" + p.nodePort() + "/" + protocol
        : p.port() + "/" + protocol;
  }

  /** Shoal has no external IPs; a LoadBalancer shows its ingress addresses, or pending. */
  private static String externalIp(Service svc, String type) {
    if (!type.equals("LoadBalancer")) {
      return Cells.NONE;
    }
    List<String> addresses = new ArrayList<>();
    if (svc.status() != null
        && svc.status().loadBalancer() != null
        && svc.status().loadBalancer().ingress() != null) {
      for (LoadBalancerIngress ingress : svc.status().loadBalancer().ingress()) {
        if (ingress.ip() != null && !ingress.ip().isEmpty()) {
          addresses.add(ingress.ip());
        } else if (ingress.hostname() != null && !ingress.hostname().isEmpty()) {
          addresses.add(ingress.hostname());
        }
      }
    }
    return addresses.isEmpty() ? "<pending>" : String.join(",", addresses);
  }
}
