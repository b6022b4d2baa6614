package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.PodDisruptionBudget;
import java.time.Instant;
import java.util.List;

/** {@code NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE}, an unset limit as N/A. */
final class PodDisruptionBudgetPrinter implements Printer<PodDisruptionBudget> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text(
              "Min Available",
              "The minimum number or percentage of pods that must remain available after an eviction."),
          Column.text(
              "Max Unavailable",
              "The maximum number or percentage of pods that may be unavailable after an eviction."),
          Column.integer(
              "Allowed Disruptions", "Number of pod disruptions that are currently allowed."),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(PodDisruptionBudget pdb, Instant now) {
    return List.of(
        pdb.metadata().name(),
        limit(pdb.spec() == null ? null : pdb.spec().minAvailable()),
        limit(pdb.spec() == null ? null : pdb.spec().maxUnavailable()),
        (long) (pdb.status() == null ? 0 : pdb.status().disruptionsAllowedOrZero()),
        Ages.since(pdb.metadata().creationTimestamp(), now));
  }

  private static String limit(IntOrString value) {
    return value == null ? "N/A" : value.toString();
  }
}
