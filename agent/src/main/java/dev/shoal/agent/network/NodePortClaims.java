package dev.shoal.agent.network;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Namespace;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Resource;
import dev.shoal.manifests.validation.FieldError;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * NodePorts, claimed as Kubernetes claims them: one allocation record for the whole range, changed with
 * compare-and-set (Kubernetes keeps a bitmap in a RangeAllocation; ports have no per-item kind like
 * IPAddress). Shoal keeps the record as the annotation {@value #ANNOTATION} of the {@code kube-system}
 * Namespace and changes it with {@link ClusterStore#modify}, so two concurrent claims on different nodes
 * serialise on its resourceVersion and cannot both win a port. All ports of one service are claimed in one
 * write: either all or none.
 */
final class NodePortClaims {

  static final String ANNOTATION = "shoal.dev/node-ports";
  static final ObjectKey RECORD = new ObjectKey(Namespace.KIND, "", "kube-system");

  private final ClusterStore store;
  private final int first;
  private final int last;
  private final RandomGenerator random;

  NodePortClaims(ClusterStore store, int first, int last, RandomGenerator random) {
    this.store = store;
    this.first = first;
    this.last = last;
    this.random = random;
  }

  /** The ports granted, by index of {@code requested}, or the refusal. */
  record Outcome(Map<Integer, Integer> ports, FieldError refusal) {}

  /**
   * Claims a port for each entry of {@code requested} (index = service port index; a null value means
   * "any free one"). Entries not listed need no port; a requested port {@code owner} holds already is kept.
   */
  Future<Outcome> claim(Map<Integer, Integer> requested, String owner) {
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    return store.modify(RECORD, current -> {
      NodePortTable table = read(current);
      Map<Integer, Integer> granted = new TreeMap<>();
      for (Map.Entry<Integer, Integer> want : requested.entrySet()) {
        String field = "spec.ports[" + want.getKey() + "].nodePort";
        Integer port = want.getValue();
        if (port != null && (port < first || port > last)) {
          outcome.set(new Outcome(Map.of(), FieldError.invalid(field, port + ": provided port is not in the valid "
              + "range. The range of valid ports is " + first + "-" + last)));
          return current;
        }
        if (port != null && owner.equals(table.owners().get(port))) {
          granted.put(want.getKey(), port);
          continue;
        }
        if (port != null && table.taken(port)) {
          outcome.set(new Outcome(Map.of(), FieldError.invalid(field, port + ": provided port is already allocated")));
          return current;
        }
        if (port == null) {
          port = pickFree(table);
          if (port == null) {
            outcome.set(new Outcome(Map.of(), FieldError.invalid(field,
                "failed to allocate a nodePort: range is full (" + first + "-" + last + ")")));
            return current;
          }
        }
        table = table.with(port, owner);
        granted.put(want.getKey(), port);
      }
      outcome.set(new Outcome(granted, null));
      return granted.isEmpty() ? current : write(current, table);
    }).map(written -> outcome.get());
  }

  /** Gives back {@code ports} where {@code owner} holds them. */
  Future<Void> release(List<Integer> ports, String owner) {
    if (ports.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.modify(RECORD, current -> {
      NodePortTable table = read(current);
      NodePortTable next = table;
      for (int port : ports) {
        if (owner.equals(next.owners().get(port))) {
          next = next.without(port);
        }
      }
      return next == table ? current : write(current, next);
    }).mapEmpty();
  }

  /** Drops the entries for which {@code orphan} holds (for the sweeper); returns the ports removed. */
  Future<List<Integer>> removeIf(java.util.function.BiPredicate<Integer, String> orphan) {
    List<Integer> removed = new ArrayList<>();
    return store.modify(RECORD, current -> {
      removed.clear();
      NodePortTable table = read(current);
      NodePortTable next = table;
      for (Map.Entry<Integer, String> e : table.owners().entrySet()) {
        if (orphan.test(e.getKey(), e.getValue())) {
          next = next.without(e.getKey());
          removed.add(e.getKey());
        }
      }
      return next == table ? current : write(current, next);
    }).map(written -> removed);
  }

  Future<NodePortTable> table() {
    return store.get(RECORD).map(NodePortClaims::read);
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

  static NodePortTable read(Resource record) {
    Map<String, String> annotations = record.metadata().annotations();
    return NodePortTable.parse(annotations == null ? null : annotations.get(ANNOTATION));
  }

  private static Resource write(Resource record, NodePortTable table) {
    ObjectMeta m = record.metadata();
    Map<String, String> annotations = new TreeMap<>(m.annotations() == null ? Map.of() : m.annotations());
    if (table.owners().isEmpty()) {
      annotations.remove(ANNOTATION);
    } else {
      annotations.put(ANNOTATION, table.format());
    }
    ObjectMeta next = new ObjectMeta(m.name(), m.generateName(), m.namespace(), m.labels(),
        annotations.isEmpty() ? null : annotations, m.uid(), m.resourceVersion(), m.generation(),
        m.creationTimestamp(), m.deletionTimestamp(), m.deletionGracePeriodSeconds(), m.ownerReferences(),
        m.finalizers());
    return record.withMetadata(next);
  }
}
