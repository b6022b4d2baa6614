package dev.shoal.agent.addresses;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import dev.shoal.manifests.validation.FieldError;
import dev.shoal.overlay.ipam.Allocation;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.ServiceIpAllocator;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Gives a Service being created its addresses, as the API server's service REST storage does: a
 * ClusterIP from the service CIDR (the requested one if it is in range and free), and for type
 * NodePort a node port in 30000-32767 for every port lacking one (or the requested one if free).
 * Headless services keep {@code None}. Claims are atomic across nodes ({@link ClusterIpClaims},
 * {@link NodePortClaims}); a refusal is a value with the field it concerns, and leaves nothing
 * claimed.
 *
 * <p>Call {@link #assign} before storing a new Service, and {@link #release} after deleting one, or
 * when storing the assigned service failed.
 */
public final class ServiceAddresses {

  public static final int NODE_PORT_FIRST = 30000;
  public static final int NODE_PORT_LAST = 32767;

  private final ClusterIpClaims ips;
  private final NodePortClaims nodePorts;
  private final ServiceIpAllocator checker;

  public ServiceAddresses(ClusterStore store, Cidr serviceCidr, RandomGenerator random) {
    this.ips = new ClusterIpClaims(store, serviceCidr, random);
    this.nodePorts = new NodePortClaims(store, NODE_PORT_FIRST, NODE_PORT_LAST, random);
    this.checker = new ServiceIpAllocator(serviceCidr);
  }

  public ServiceAddresses(ClusterStore store, Cidr serviceCidr) {
    this(store, serviceCidr, RandomGenerator.getDefault());
  }

  public Future<AddressResult> assign(Service incoming) {
    ServiceSpec spec = incoming.spec();
    if (spec == null) {
      return Future.succeededFuture(new AddressResult.Assigned(incoming));
    }
    String namespace = incoming.metadata().namespaceOrDefault();
    String name = incoming.metadata().name();
    return clusterIp(spec, namespace, name)
        .compose(
            ip -> {
              if (ip instanceof Allocation.Refused<String> r) {
                return Future.succeededFuture(
                    new AddressResult.Refused(FieldError.invalid(r.field(), r.reason())));
              }
              String assignedIp = ip.orElseThrow();
              Service withIp =
                  assignedIp.isEmpty()
                      ? incoming
                      : incoming.withSpec(spec.withClusterIP(assignedIp));
              return nodePorts(withIp, namespace, name)
                  .compose(
                      result -> {
                        if (result instanceof AddressResult.Refused
                            && !assignedIp.isEmpty()
                            && !spec.isHeadless()) {
                          return ips.release(assignedIp, namespace, name).map(result);
                        }
                        return Future.succeededFuture(result);
                      });
            });
  }

  /**
   * For an update of a stored service: what the update leaves out is kept as Kubernetes keeps it
   * (the ClusterIP, and each port's nodePort, matched by port name or else by port and protocol),
   * and a NodePort service gets ports claimed for ports still lacking one or asking for a new one.
   * After the update is stored, call {@link #releaseDropped} to free ports it no longer uses.
   */
  public Future<AddressResult> assignOnUpdate(Service old, Service updated) {
    Service merged = ServiceCarryOver.apply(old, updated);
    if (merged.spec() == null) {
      return Future.succeededFuture(new AddressResult.Assigned(merged));
    }
    return nodePorts(merged, merged.metadata().namespaceOrDefault(), merged.metadata().name());
  }

  /**
   * Pure and synchronous, for read-modify-write paths (patch, apply): {@code updated} with the
   * ClusterIP and nodePorts it leaves out taken from {@code old}. Claims nothing: ports added by
   * the change stay unset.
   */
  public static Service keepOnUpdate(Service old, Service updated) {
    return ServiceCarryOver.apply(old, updated);
  }

  /**
   * Frees the node ports {@code old} held that {@code stored} (its updated form) no longer uses.
   */
  public Future<Void> releaseDropped(Service old, Service stored) {
    java.util.Set<Integer> kept = new java.util.HashSet<>(nodePortsOf(stored));
    List<Integer> dropped = nodePortsOf(old).stream().filter(p -> !kept.contains(p)).toList();
    return nodePorts.release(
        dropped, old.metadata().namespaceOrDefault() + "/" + old.metadata().name());
  }

  private static List<Integer> nodePortsOf(Service service) {
    List<Integer> ports = new ArrayList<>();
    if (service.spec() != null) {
      for (ServicePort p : service.spec().portsOrEmpty()) {
        if (p.nodePort() != null && p.nodePort() > 0) {
          ports.add(p.nodePort());
        }
      }
    }
    return ports;
  }

  /** Frees the ClusterIP and node ports this service holds (only where the claims are its own). */
  public Future<Void> release(Service service) {
    ServiceSpec spec = service.spec();
    if (spec == null) {
      return Future.succeededFuture();
    }
    String namespace = service.metadata().namespaceOrDefault();
    String name = service.metadata().name();
    Future<Void> ip =
        spec.isHeadless() || spec.clusterIP() == null || spec.clusterIP().isEmpty()
            ? Future.succeededFuture()
            : ips.release(spec.clusterIP(), namespace, name);
    return Future.join(ip, nodePorts.release(nodePortsOf(service), namespace + "/" + name))
        .mapEmpty();
  }

  /** The address claimed ("" for headless), or the refusal of spec.clusterIP. */
  private Future<Allocation<String>> clusterIp(ServiceSpec spec, String namespace, String name) {
    if (spec.isHeadless()) {
      return Future.succeededFuture(Allocation.granted(""));
    }
    String requested = spec.clusterIP();
    if (requested == null || requested.isEmpty()) {
      return ips.claimAny(namespace, name)
          .map(
              ip ->
                  ip == null
                      ? Allocation.refused(
                          "spec.clusterIP",
                          "failed to allocate a serviceIP: range is full (" + ips.range() + ")")
                      : Allocation.granted(ip));
    }
    Allocation<String> valid = checker.request(List.of(), requested);
    if (valid instanceof Allocation.Refused<String> r) {
      return Future.succeededFuture(
          Allocation.refused(
              r.field(),
              "\""
                  + requested
                  + "\": failed to allocate IP "
                  + requested
                  + ": the provided IP ("
                  + requested
                  + ") is not in the valid range. The range of valid IPs is "
                  + ips.range()));
    }
    String ip = valid.orElseThrow();
    return ips.claim(ip, namespace, name)
        .map(
            won ->
                won
                    ? Allocation.granted(ip)
                    : Allocation.refused(
                        "spec.clusterIP",
                        "\""
                            + ip
                            + "\": failed to allocate IP "
                            + ip
                            + ": provided IP is already allocated"));
  }

  private Future<AddressResult> nodePorts(Service service, String namespace, String name) {
    ServiceSpec spec = service.spec();
    if (!"NodePort".equals(spec.type())) {
      return Future.succeededFuture(new AddressResult.Assigned(service));
    }
    List<ServicePort> ports = spec.portsOrEmpty();
    Map<Integer, Integer> wanted = new TreeMap<>();
    for (int i = 0; i < ports.size(); i++) {
      Integer p = ports.get(i).nodePort();
      wanted.put(i, p == null || p == 0 ? null : p);
    }
    return nodePorts
        .claim(wanted, namespace + "/" + name)
        .map(
            outcome -> {
              if (outcome.refusal() != null) {
                return new AddressResult.Refused(outcome.refusal());
              }
              List<ServicePort> filled = new ArrayList<>(ports);
              outcome
                  .ports()
                  .forEach(
                      (i, port) -> {
                        ServicePort p = filled.get(i);
                        filled.set(
                            i,
                            new ServicePort(
                                p.name(), p.protocol(), p.port(), p.targetPort(), port));
                      });
              return new AddressResult.Assigned(service.withSpec(spec.withPorts(filled)));
            });
  }
}
