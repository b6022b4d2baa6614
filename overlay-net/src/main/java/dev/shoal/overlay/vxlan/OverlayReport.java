package dev.shoal.overlay.vxlan;

import java.util.List;

/** What a reconcile did: the actions applied and the ones that failed, each with the reason. */
public record OverlayReport(List<OverlayAction> applied, List<Failure> failures) {

  public record Failure(OverlayAction action, String reason, boolean temporary) {}

  public OverlayReport {
    applied = List.copyOf(applied);
    failures = List.copyOf(failures);
  }

  public boolean converged() {
    return failures.isEmpty();
  }
}
