package dev.shoal.agent.addresses;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.agent.store.RangeAllocation;
import dev.shoal.agent.store.StoreException;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * NodePorts, claimed as Kubernetes claims them: one allocation record for the whole range, changed
 * with compare-and-set (Kubernetes keeps a bitmap in a RangeAllocation; ports have no per-item kind
 * like IPAddress). Shoal keeps the record as the internal {@link RangeAllocation} {@value
 * #RECORD_NAME}, which the API does not serve, and changes it with {@link ClusterStore#modify}, so
 * two concurrent claims on different nodes serialise on its resourceVersion and cannot both win a
 * port, and no user write can lose or forge an entry. All ports of one service are claimed in one
 * write: either all or none.
 *
 * <p>When the record is missing (a new cluster, an upgrade, or it was lost) the first claim makes
 * it from what the Services hold, plus the table older agents kept in the annotation {@value
 * #LEGACY_ANNOTATION} of the {@code kube-system} Namespace; the sweeper then keeps it matching the
 * Services.
 */
public final class NodePortClaims {

  public static final String RECORD_NAME = "node-ports";
  public static final ObjectKey RECORD = RangeAllocation.key(RECORD_NAME);

  /**
   * Where agents before the internal record kept the table (read once to migrate, then removed).
   */
  public static final String LEGACY_ANNOTATION = "shoal.dev/node-ports";

  public static final ObjectKey LEGACY_RECORD = new ObjectKey(Namespace.KIND, "", "kube-system");

  private final ClusterStore store;
  private final int first;
  private final int last;
  private final RandomGenerator random;

  public NodePortClaims(ClusterStore store, int first, int last, RandomGenerator random) {
    this.store = store;
    this.first = first;
    this.last = last;
    this.random = random;
  }

  /** The ports granted, by index of {@code requested}, or the refusal. */
  record Outcome(Map<Integer, Integer> ports, FieldError refusal) {}

  /** What a repair changed: ports given back to the service holding them, and orphans removed. */
  public record Repair(List<Integer> restored, List<Integer> removed) {}

  /**
   * Claims a port for each entry of {@code requested} (index = service port index; a null value
   * means "any free one"). Entries not listed need no port; a requested port {@code owner} holds
   * already is kept.
   */
  Future<Outcome> claim(Map<Integer, Integer> requested, String owner) {
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    return change(
            current -> {
              NodePortTable table = read(current);
              Map<Integer, Integer> granted = new TreeMap<>();
              for (Map.Entry<Integer, Integer> want : requested.entrySet()) {
                String field = "spec.ports[" + want.getKey() + "].nodePort";
                Integer port = want.getValue();
                if (port != null && (port < first || port > last)) {
                  outcome.set(
                      new Outcome(
                          Map.of(),
                          FieldError.invalid(
                              field,
                              port
                                  + ": provided port is not in the valid "
                                  + "range. The range of valid ports is "
                                  + first
                                  + "-"
                                  + last)));
                  return current;
                }
                if (port != null && owner.equals(table.owners().get(port))) {
                  granted.put(want.getKey(), port);
                  continue;
                }
                if (port != null && table.taken(port)) {
                  outcome.set(
                      new Outcome(
                          Map.of(),
                          FieldError.invalid(
                              field, port + ": provided port is already allocated")));
                  return current;
                }
                if (port == null) {
                  port = pickFree(table);
                  if (port == null) {
                    outcome.set(
                        new Outcome(
                            Map.of(),
                            FieldError.invalid(
                                field,
                                "failed to allocate a nodePort: range is full ("
                                    + first
                                    + "-"
                                    + last
                                    + ")")));
                    return current;
                  }
                }
                table = table.with(port, owner);
                granted.put(want.getKey(), port);
              }
              outcome.set(new Outcome(granted, null));
              return granted.isEmpty() ? current : write(current, table);
            })
        .map(written -> outcome.get());
  }

  /** Gives back {@code ports} where {@code owner} holds them. */
  Future<Void> release(List<Integer> ports, String owner) {
    if (ports.isEmpty()) {
      return Future.succeededFuture();
    }
    return change(
            current -> {
              NodePortTable table = read(current);
              NodePortTable next = table;
              for (int port : ports) {
                if (owner.equals(next.owners().get(port))) {
                  next = next.without(port);
                }
              }
              return next == table ? current : write(current, next);
            })
        .mapEmpty();
  }

  /** Drops the entries for which {@code orphan} holds; returns the ports removed. */
  public Future<List<Integer>> removeIf(BiPredicate<Integer, String> orphan) {
    return repair(NodePortTable.EMPTY, orphan).map(Repair::removed);
  }

  /**
   * For the sweeper: gives every port of {@code held} (what the Services hold) to its holder, then
   * drops the other entries for which {@code orphan} holds.
   */
  public Future<Repair> repair(NodePortTable held, BiPredicate<Integer, String> orphan) {
    AtomicReference<Repair> repair = new AtomicReference<>();
    return change(
            current -> {
              NodePortTable table = read(current);
              List<Integer> restored = table.differingFrom(held);
              NodePortTable next = table.withHeld(held);
              List<Integer> removed = new ArrayList<>();
              for (Map.Entry<Integer, String> e : next.owners().entrySet()) {
                if (!e.getValue().equals(held.owners().get(e.getKey()))
                    && orphan.test(e.getKey(), e.getValue())) {
                  removed.add(e.getKey());
                }
              }
              for (int port : removed) {
                next = next.without(port);
              }
              repair.set(new Repair(restored, removed));
              return next.equals(table) ? current : write(current, next);
            })
        .map(written -> repair.get());
  }

  /**
   * Removes the table older agents kept on the kube-system Namespace, once the record holds it:
   * nothing reads it any more, and a user's copy of the Namespace should not carry a stale one.
   */
  public Future<Boolean> dropLegacyTable() {
    AtomicReference<Boolean> dropped = new AtomicReference<>(false);
    return store
        .modify(
            LEGACY_RECORD,
            ns -> {
              Map<String, String> annotations = ns.metadata().annotations();
              if (annotations == null || !annotations.containsKey(LEGACY_ANNOTATION)) {
                dropped.set(false);
                return ns;
              }
              Map<String, String> rest = new TreeMap<>(annotations);
              rest.remove(LEGACY_ANNOTATION);
              dropped.set(true);
              return ns.withMetadata(ns.metadata().withAnnotations(rest.isEmpty() ? null : rest));
            })
        .map(ns -> dropped.get())
        .recover(
            e ->
                ClusterIpClaims.isReason(e, StoreException.Reason.NOT_FOUND)
                    ? Future.succeededFuture(false)
                    : Future.failedFuture(e));
  }

  Future<NodePortTable> table() {
    return store.get(RECORD).map(NodePortClaims::read);
  }

  /**
   * Read-modify-write of the record; a missing record is first made from what the Services hold.
   */
  private Future<Resource> change(UnaryOperator<Resource> update) {
    return store
        .modify(RECORD, update)
        .recover(
            e ->
                ClusterIpClaims.isReason(e, StoreException.Reason.NOT_FOUND)
                    ? seed().compose(made -> store.modify(RECORD, update))
                    : Future.failedFuture(e));
  }

  /**
   * Makes the record: the ports the Services hold, and under them the older agents' annotation
   * table (its entries may be claims whose Service is being created right now; the sweeper frees
   * real orphans).
   */
  private Future<Void> seed() {
    Future<NodePortTable> legacy =
        store
            .get(LEGACY_RECORD)
            .map(
                ns -> {
                  Map<String, String> annotations = ns.metadata().annotations();
                  return NodePortTable.parse(
                      annotations == null ? null : annotations.get(LEGACY_ANNOTATION));
                })
            .recover(
                e ->
                    ClusterIpClaims.isReason(e, StoreException.Reason.NOT_FOUND)
                        ? Future.succeededFuture(NodePortTable.EMPTY)
                        : Future.failedFuture(e));
    Future<NodePortTable> held =
        store
            .list(Service.KIND, null)
            .map(
                listing ->
                    NodePortTable.heldBy(listing.items().stream().map(r -> (Service) r).toList()));
    return Future.all(legacy, held)
        .compose(
            both -> {
              NodePortTable table = legacy.result().withHeld(held.result());
              RangeAllocation record =
                  new RangeAllocation(
                      ObjectMeta.named(null, RECORD_NAME), first + "-" + last, table.format());
              return store
                  .create(record)
                  .<Void>mapEmpty()
                  .recover(
                      e ->
                          ClusterIpClaims.isReason(e, StoreException.Reason.ALREADY_EXISTS)
                              ? Future.succeededFuture()
                              : Future.failedFuture(e));
            });
  }

  private Integer pickFree(NodePortTable table) {
    int count = last - first + 1;
    int start = random.nextInt(count);
    for (int i = 0; i < count; i++) {
      int port = first + (start + i) % count;
      if (!table.taken(port)) {
        return port;
      }
    }
    return null;
  }

  public static NodePortTable read(Resource record) {
    return NodePortTable.parse(((RangeAllocation) record).data());
  }

  private static Resource write(Resource record, NodePortTable table) {
    return ((RangeAllocation) record).withData(table.format());
  }
}
