package dev.shoal.agent.clusterdns;

import dev.shoal.agent.store.LocalView;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.dns.ClusterRecords;
import dev.shoal.dns.EndpointEntry;
import dev.shoal.dns.PodEntry;
import dev.shoal.dns.ServiceEntry;
import dev.shoal.dns.ServicePort;
import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.Endpoints;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the DNS responder answers from: services, endpoints and pods as this node's replicated view
 * holds them, translated into the responder's plain records. Reads are local, so the responder's
 * index rebuilds never wait on the network.
 */
public final class ViewClusterRecords implements ClusterRecords {

  private final LocalView view;

  public ViewClusterRecords(LocalView view) {
    this.view = view;
  }

  @Override
  public long generation() {
    return view.version();
  }

  @Override
  public Collection<ServiceEntry> services() {
    List<ServiceEntry> entries = new ArrayList<>();
    for (Resource resource : view.list(Service.KIND, null)) {
      Service service = (Service) resource;
      if (service.spec() == null) {
        continue;
      }
      List<ServicePort> ports =
          service.spec().ports() == null
              ? List.of()
              : service.spec().ports().stream()
                  .filter(p -> p.port() != null)
                  .map(
                      p ->
                          new ServicePort(
                              p.name(), p.protocol() == null ? "TCP" : p.protocol(), p.port()))
                  .toList();
      entries.add(
          new ServiceEntry(
              service.metadata().namespace(),
              service.metadata().name(),
              service.spec().clusterIP(),
              ports,
              Boolean.TRUE.equals(service.spec().publishNotReadyAddresses())));
    }
    return entries;
  }

  @Override
  public Collection<EndpointEntry> endpoints(String namespace, String service) {
    return view.get(new ObjectKey(Endpoints.KIND, namespace, service))
        .map(found -> entries((Endpoints) found))
        .orElse(List.of());
  }

  @Override
  public Collection<PodEntry> pods() {
    List<PodEntry> pods = new ArrayList<>();
    for (Resource resource : view.list(Pod.KIND, null)) {
      Pod pod = (Pod) resource;
      if (pod.status() != null && pod.status().podIP() != null && !pod.status().podIP().isBlank()) {
        pods.add(new PodEntry(pod.metadata().namespace(), pod.status().podIP()));
      }
    }
    return pods;
  }

  private static List<EndpointEntry> entries(Endpoints endpoints) {
    List<EndpointEntry> entries = new ArrayList<>();
    if (endpoints.subsets() == null) {
      return entries;
    }
    for (EndpointSubset subset : endpoints.subsets()) {
      List<ServicePort> ports =
          subset.ports() == null
              ? List.of()
              : subset.ports().stream()
                  .filter(p -> p.port() != null)
                  .map(ViewClusterRecords::port)
                  .toList();
      addAll(entries, subset.addresses(), true, ports);
      addAll(entries, subset.notReadyAddresses(), false, ports);
    }
    return entries;
  }

  private static void addAll(
      List<EndpointEntry> entries,
      List<EndpointAddress> addresses,
      boolean ready,
      List<ServicePort> ports) {
    if (addresses == null) {
      return;
    }
    for (EndpointAddress address : addresses) {
      if (address.ip() != null) {
        entries.add(new EndpointEntry(address.ip(), address.hostname(), ready, ports));
      }
    }
  }

  private static ServicePort port(EndpointPort port) {
    return new ServicePort(
        port.name(), port.protocol() == null ? "TCP" : port.protocol(), port.port());
  }
}
