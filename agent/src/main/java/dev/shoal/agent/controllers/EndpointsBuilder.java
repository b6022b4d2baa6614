package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Labels;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerPort;
import dev.shoal.manifests.model.EndpointAddress;
import dev.shoal.manifests.model.EndpointPort;
import dev.shoal.manifests.model.EndpointSubset;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Service's endpoint subsets from its pods, as Kubernetes' endpoints controller and
 * RepackSubsets: pods that match the selector, have an IP and are not being deleted or finished;
 * ready ones (Ready condition True, or the service publishes not-ready addresses) go to {@code
 * addresses}, others to {@code notReadyAddresses}; each service port resolves per pod (a named
 * targetPort against the pod's container port names; a pod without it is left out for that port);
 * addresses with the same resolved ports share one subset. Sorted, so the same pods always give an
 * equal list.
 */
public final class EndpointsBuilder {

  private EndpointsBuilder() {}

  public static List<EndpointSubset> build(Service service, List<Pod> pods) {
    Map<String, String> selector = service.spec().selector();
    boolean publishNotReady = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
    // address (ip + pod) -> ports it serves, and whether it is ready
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Pod pod : pods) {
      if (!Labels.containsAll(selector, pod.metadata().labels())
          || !PodFacts.isActive(pod)
          || pod.status() == null
          || pod.status().podIP() == null
          || pod.status().podIP().isEmpty()) {
        continue;
      }
      EndpointAddress address = address(service, pod);
      boolean ready = publishNotReady || PodFacts.isReady(pod);
      Set<EndpointPort> ports = new TreeSet<>(PORT_ORDER);
      boolean hasPorts = service.spec().portsOrEmpty().isEmpty();
      for (ServicePort sp : service.spec().portsOrEmpty()) {
        Integer port = resolve(sp, pod);
        if (port != null) {
          ports.add(
              new EndpointPort(sp.name(), port, sp.protocol() == null ? "TCP" : sp.protocol()));
          hasPorts = true;
        }
      }
      if (hasPorts) {
        entries.put(
            pod.status().podIP() + "/" + pod.metadata().name(), new Entry(address, ready, ports));
      }
    }
    Map<List<EndpointPort>, List<Entry>> byPorts = new LinkedHashMap<>();
    for (Entry e : entries.values()) {
      byPorts.computeIfAbsent(List.copyOf(e.ports()), k -> new ArrayList<>()).add(e);
    }
    List<EndpointSubset> subsets = new ArrayList<>();
    for (Map.Entry<List<EndpointPort>, List<Entry>> group : byPorts.entrySet()) {
      List<EndpointAddress> ready = new ArrayList<>();
      List<EndpointAddress> notReady = new ArrayList<>();
      for (Entry e : group.getValue()) {
        (e.ready() ? ready : notReady).add(e.address());
      }
      ready.sort(ADDRESS_ORDER);
      notReady.sort(ADDRESS_ORDER);
      subsets.add(
          new EndpointSubset(
              ready.isEmpty() ? null : ready,
              notReady.isEmpty() ? null : notReady,
              group.getKey().isEmpty() ? null : group.getKey()));
    }
    subsets.sort(Comparator.comparing(EndpointsBuilder::firstIp));
    return subsets;
  }

  /** The pod's port for a service port, or null when the pod does not have it. */
  static Integer resolve(ServicePort sp, Pod pod) {
    IntOrString target = sp.targetPort();
    if (target == null) {
      return sp.port();
    }
    if (target.isInt()) {
      return target.intValue();
    }
    for (Container c : pod.spec().containersOrEmpty()) {
      for (ContainerPort p : c.portsOrEmpty()) {
        if (target.stringValue().equals(p.name())) {
          String protocol = p.protocol() == null ? "TCP" : p.protocol();
          if (protocol.equals(sp.protocol() == null ? "TCP" : sp.protocol())) {
            return p.containerPort();
          }
        }
      }
    }
    return null;
  }

  private static EndpointAddress address(Service service, Pod pod) {
    String hostname = null;
    if (pod.spec().hostname() != null && service.metadata().name().equals(pod.spec().subdomain())) {
      hostname = pod.spec().hostname();
    }
    ObjectReference ref =
        new ObjectReference(
            Pod.KIND,
            pod.metadata().namespace(),
            pod.metadata().name(),
            pod.metadata().uid(),
            null,
            null);
    return new EndpointAddress(pod.status().podIP(), hostname, pod.spec().nodeName(), ref);
  }

  private static String firstIp(EndpointSubset s) {
    List<EndpointAddress> list = s.addresses() != null ? s.addresses() : s.notReadyAddresses();
    return list == null || list.isEmpty() ? "" : list.get(0).ip();
  }

  private record Entry(EndpointAddress address, boolean ready, Set<EndpointPort> ports) {}

  private static final Comparator<EndpointPort> PORT_ORDER =
      Comparator.comparing((EndpointPort p) -> p.name() == null ? "" : p.name())
          .thenComparing(EndpointPort::port)
          .thenComparing(EndpointPort::protocol);

  private static final Comparator<EndpointAddress> ADDRESS_ORDER =
      Comparator.comparing(EndpointAddress::ip)
          .thenComparing(a -> a.targetRef() == null ? "" : a.targetRef().name());
}
