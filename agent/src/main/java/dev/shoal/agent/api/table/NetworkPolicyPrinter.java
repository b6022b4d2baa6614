package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.NetworkPolicy;
import java.time.Instant;
import java.util.List;

/** {@code NAME POD-SELECTOR AGE}. */
final class NetworkPolicyPrinter implements Printer<NetworkPolicy> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text(
              "Pod-Selector", "Selects the pods to which this NetworkPolicy object applies."),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(NetworkPolicy policy, Instant now) {
    return List.of(
        policy.metadata().name(),
        Cells.selectorOrNone(policy.spec() == null ? null : policy.spec().podSelector()),
        Ages.since(policy.metadata().creationTimestamp(), now));
  }
}
