package dev.shoal.agent.controllers.network;

import dev.shoal.agent.control.Controller;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.Node;
import dev.shoal.manifests.model.NodeSpec;
import dev.shoal.manifests.model.Resource;
import dev.shoal.overlay.ipam.Allocation;
import dev.shoal.overlay.ipam.Cidr;
import dev.shoal.overlay.ipam.SubnetAllocator;
import dev.shoal.overlay.ipam.SubnetAssignments;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader only: gives every Node without {@code spec.podCIDR} the lowest free subnet of the cluster
 * pod CIDR (Kubernetes' node IPAM controller). The subnets already written to Nodes are the
 * allocation state; the write is a {@link ClusterStore#modify} through the term's fenced store that
 * sets the field only if it is still empty, so a deposed leader's late write is refused and no
 * Node's subnet ever changes. Subnets chosen but not yet written in this term are remembered, so
 * concurrent syncs never pick the same one. A subnet comes free only when its Node is deleted.
 */
public final class NodeIpamController implements Controller {

  private static final Logger LOG = LoggerFactory.getLogger(NodeIpamController.class);

  private final ClusterStore store;
  private final SubnetAllocator allocator;

  /**
   * Chosen in this term, write in flight: node name -> subnet. Touched on the runner's context
   * only.
   */
  private final Map<String, Cidr> inFlight = new HashMap<>();

  public NodeIpamController(ClusterStore store, SubnetAllocator allocator) {
    this.store = store;
    this.allocator = allocator;
  }

  @Override
  public String name() {
    return "node-ipam";
  }

  @Override
  public List<Watched> watches() {
    return List.of(new Watched(Node.KIND, event -> List.of(event.key())));
  }

  @Override
  public List<String> resyncKinds() {
    return List.of(Node.KIND);
  }

  @Override
  public Future<Void> sync(ObjectKey key) {
    return store
        .get(key)
        .compose(
            found -> {
              Node node = (Node) found;
              if (podCidr(node) != null || inFlight.containsKey(key.name())) {
                return Future.<Void>succeededFuture();
              }
              return store.list(Node.KIND, null).compose(nodes -> assign(key, nodes.items()));
            })
        .recover(
            e ->
                e instanceof StoreException se && se.reason() == StoreException.Reason.NOT_FOUND
                    ? Future.succeededFuture()
                    : Future.failedFuture(e));
  }

  private Future<Void> assign(ObjectKey key, List<Resource> nodes) {
    SubnetAssignments current = assignments(nodes, key.name());
    Allocation<SubnetAssignments> next = allocator.allocate(current, key.name());
    if (next instanceof Allocation.Refused<SubnetAssignments> r) {
      LOG.warn("node {}: no pod subnet: {}", key.name(), r.reason());
      return Future.failedFuture(new IllegalStateException(r.reason()));
    }
    Cidr subnet = next.orElseThrow().subnetOf(key.name()).orElseThrow();
    inFlight.put(key.name(), subnet);
    return store
        .modify(
            key,
            stored -> {
              Node n = (Node) stored;
              if (podCidr(n) != null) {
                return stored;
              }
              NodeSpec s = n.spec() == null ? new NodeSpec(null, null, null, null) : n.spec();
              return n.withSpec(
                  new NodeSpec(
                      subnet.toString(),
                      List.of(subnet.toString()),
                      s.unschedulable(),
                      s.taints()));
            })
        .<Void>map(
            written -> {
              LOG.info("node {}: pod CIDR {}", key.name(), podCidr((Node) written));
              return null;
            })
        .onComplete(done -> inFlight.remove(key.name()));
  }

  /**
   * Subnets held by Nodes (as stored) and chosen in this term; unparseable podCIDRs are skipped.
   */
  private SubnetAssignments assignments(List<Resource> nodes, String except) {
    Map<String, Cidr> held = new HashMap<>(inFlight);
    for (Resource r : nodes) {
      String cidr = podCidr((Node) r);
      if (cidr != null && !r.metadata().name().equals(except)) {
        Allocation<Cidr> parsed = Cidr.parse("spec.podCIDR", cidr);
        if (parsed instanceof Allocation.Granted<Cidr> g) {
          held.put(r.metadata().name(), g.value());
        }
      }
    }
    return new SubnetAssignments(held);
  }

  public static String podCidr(Node node) {
    return node.spec() == null || node.spec().podCIDR() == null || node.spec().podCIDR().isEmpty()
        ? null
        : node.spec().podCIDR();
  }
}
