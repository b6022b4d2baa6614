package dev.shoal.overlay.vxlan;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.link.LinkManager;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies planned actions through a {@link LinkManager}, in order. A failure is recorded and the
 * rest still run (the next reconcile retries); "already exists" on a create and "not found" on a
 * delete count as done. Blocking.
 */
public final class OverlayExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(OverlayExecutor.class);

  private final LinkManager links;

  public OverlayExecutor(LinkManager links) {
    this.links = links;
  }

  public OverlayReport apply(List<OverlayAction> plan) {
    List<OverlayAction> applied = new ArrayList<>();
    List<OverlayReport.Failure> failures = new ArrayList<>();
    for (OverlayAction action : plan) {
      try {
        run(action);
        applied.add(action);
      } catch (CommandException e) {
        if (harmless(action, e)) {
          applied.add(action);
        } else {
          LOG.warn("overlay action {} failed: {}", action, e.getMessage());
          failures.add(
              new OverlayReport.Failure(
                  action, e.getMessage(), e.kind() == CommandException.Kind.TIMEOUT));
        }
      }
    }
    return new OverlayReport(applied, failures);
  }

  private static boolean harmless(OverlayAction action, CommandException e) {
    boolean delete =
        action instanceof OverlayAction.DeleteLink
            || action instanceof OverlayAction.DeleteAddress
            || action instanceof OverlayAction.DeleteRoute
            || action instanceof OverlayAction.DeleteNeighbour
            || action instanceof OverlayAction.DeleteFdb;
    return delete
        ? e.kind() == CommandException.Kind.NOT_FOUND
        : e.kind() == CommandException.Kind.EXISTS
            && !(action instanceof OverlayAction.CreateVxlan);
  }

  private void run(OverlayAction action) throws CommandException {
    if (action instanceof OverlayAction.CreateVxlan a) {
      links.createVxlan(a.name(), a.spec());
    } else if (action instanceof OverlayAction.CreateDevice a) {
      links.createDevice(a.name(), a.kind());
    } else if (action instanceof OverlayAction.DeleteLink a) {
      links.deleteLink(a.name());
    } else if (action instanceof OverlayAction.SetUp a) {
      links.setUp(a.name());
    } else if (action instanceof OverlayAction.AddAddress a) {
      links.addAddress(a.address());
    } else if (action instanceof OverlayAction.DeleteAddress a) {
      links.deleteAddress(a.address());
    } else if (action instanceof OverlayAction.ReplaceRoute a) {
      links.replaceRoute(a.route());
    } else if (action instanceof OverlayAction.DeleteRoute a) {
      links.deleteRoute(a.route());
    } else if (action instanceof OverlayAction.ReplaceNeighbour a) {
      links.replaceNeighbour(a.neighbour());
    } else if (action instanceof OverlayAction.DeleteNeighbour a) {
      links.deleteNeighbour(a.neighbour());
    } else if (action instanceof OverlayAction.ReplaceFdb a) {
      links.replaceFdb(a.entry());
    } else if (action instanceof OverlayAction.DeleteFdb a) {
      links.deleteFdb(a.entry());
    } else {
      throw new IllegalStateException("unknown action " + action);
    }
  }
}
