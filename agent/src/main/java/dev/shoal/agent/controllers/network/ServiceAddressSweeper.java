package dev.shoal.agent.controllers.network;

import dev.shoal.agent.addresses.ClusterIpClaims;
import dev.shoal.agent.addresses.NodePortClaims;
import dev.shoal.agent.addresses.NodePortTable;
import dev.shoal.agent.addresses.ServiceAddresses;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.IPAddress;
import dev.shoal.manifests.model.ParentReference;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Leader-side repair of address claims (Kubernetes' ClusterIP and NodePort repair loops), one pass
 * per {@link #sweep}: deletes IPAddress claims of services that no longer exist or hold another
 * address, re-creates missing claims of existing services, gives node ports back to the services
 * holding them when the table lost them, and frees node ports whose service no longer has them.
 * Claims younger than {@code grace} are left alone (their service may be being created right now);
 * a node port is freed only when two passes in a row found it orphaned, for the same reason.
 */
public final class ServiceAddressSweeper {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ServiceAddressSweeper.class);

  /** What one pass changed. */
  public record Report(
      List<String> released,
      List<String> restored,
      List<Integer> portsReleased,
      List<Integer> portsRestored) {}

  private final ClusterStore store;
  private final NodePortClaims nodePorts;
  private final Clock clock;
  private final Duration grace;
  private Set<Integer> suspectPorts = Set.of();

  public ServiceAddressSweeper(ClusterStore store, Clock clock, Duration grace) {
    this.store = store;
    this.nodePorts =
        new NodePortClaims(
            store,
            ServiceAddresses.NODE_PORT_FIRST,
            ServiceAddresses.NODE_PORT_LAST,
            java.util.random.RandomGenerator.getDefault());
    this.clock = clock;
    this.grace = grace;
  }

  public Future<Report> sweep() {
    return store
        .list(Service.KIND, null)
        .compose(
            services ->
                store
                    .list(IPAddress.KIND, null)
                    .compose(
                        claims -> {
                          Map<String, Service> byName = new HashMap<>();
                          for (Resource r : services.items()) {
                            byName.put(
                                r.metadata().namespaceOrDefault() + "/" + r.metadata().name(),
                                (Service) r);
                          }
                          Instant cutoff = clock.instant().minus(grace);
                          List<Future<?>> work = new ArrayList<>();
                          List<String> released = new ArrayList<>();
                          Set<String> claimed = new HashSet<>();
                          for (Resource r : claims.items()) {
                            IPAddress claim = (IPAddress) r;
                            String ip = claim.metadata().name();
                            claimed.add(ip);
                            ParentReference ref =
                                claim.spec() == null ? null : claim.spec().parentRef();
                            if (ref == null
                                || !"services".equals(ref.resource())
                                || (ref.group() != null && !ref.group().isEmpty())) {
                              continue;
                            }
                            Service owner = byName.get(ref.namespace() + "/" + ref.name());
                            boolean orphan =
                                owner == null
                                    || owner.spec() == null
                                    || !ip.equals(owner.spec().clusterIP());
                            Instant created = claim.metadata().creationTimestamp();
                            if (orphan && (created == null || created.isBefore(cutoff))) {
                              released.add(ip);
                              work.add(
                                  ignore(
                                      store.delete(new ObjectKey(IPAddress.KIND, "", ip)),
                                      StoreException.Reason.NOT_FOUND));
                            }
                          }
                          List<String> restored = new ArrayList<>();
                          for (Service s : byName.values()) {
                            String ip = s.spec() == null ? null : s.spec().clusterIP();
                            if (ip != null
                                && !ip.isEmpty()
                                && !s.spec().isHeadless()
                                && !claimed.contains(ip)) {
                              restored.add(ip);
                              work.add(
                                  ignore(
                                      store.create(
                                          IPAddress.forService(
                                              ip,
                                              s.metadata().namespaceOrDefault(),
                                              s.metadata().name())),
                                      StoreException.Reason.ALREADY_EXISTS));
                            }
                          }
                          return Future.join(work)
                              .transform(done -> sweepPorts(byName))
                              .map(
                                  ports ->
                                      new Report(
                                          released, restored, ports.removed(), ports.restored()));
                        }));
  }

  /**
   * The node port table made to match the Services: a port a Service holds goes back to it at once
   * (the table was lost, stale, or written by an older agent), an entry no Service holds goes on
   * the second pass; then the older agents' copy on the kube-system Namespace is removed.
   */
  private Future<NodePortClaims.Repair> sweepPorts(Map<String, Service> services) {
    Set<Integer> orphansNow = new HashSet<>();
    NodePortTable held = NodePortTable.heldBy(services.values());
    return nodePorts
        .repair(
            held,
            (port, owner) -> {
              orphansNow.add(port);
              return suspectPorts.contains(port);
            })
        .map(
            repair -> {
              orphansNow.removeAll(repair.removed());
              suspectPorts = orphansNow;
              if (!repair.restored().isEmpty()) {
                LOG.warn(
                    "the node port table had lost or misassigned ports {} that Services hold; given back to them",
                    repair.restored());
              }
              return repair;
            })
        .compose(repair -> nodePorts.dropLegacyTable().map(repair));
  }

  private static Future<Void> ignore(Future<?> write, StoreException.Reason expected) {
    return write
        .<Void>mapEmpty()
        .recover(
            e ->
                ClusterIpClaims.isReason(e, expected)
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }
}
