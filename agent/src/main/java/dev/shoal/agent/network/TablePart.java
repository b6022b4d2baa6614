package dev.shoal.agent.network;

import dev.shoal.overlay.exec.CommandException;
import dev.shoal.overlay.nft.Nft;
import dev.shoal.overlay.nft.NftChain;
import dev.shoal.overlay.nft.NftScript;
import dev.shoal.overlay.nft.NftSet;
import dev.shoal.overlay.nft.NftTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Chains and sets another component keeps in the dataplane's {@code inet shoal} table (the
 * NetworkPolicy part). The owner writes its changes itself ({@link #apply}, a delta of its own
 * objects); the dataplane merges the part into every table it plans ({@link #merge}), so a full
 * write keeps it and a read-back compares it. Both happen under this object's lock, so the part the
 * dataplane plans is always the part the kernel holds.
 */
final class TablePart {

  private NftTable written;

  /** {@code base} with this part's sets and chains added after its own. */
  synchronized NftTable merge(NftTable base) {
    if (written == null) {
      return base;
    }
    List<NftSet> sets = new ArrayList<>(base.sets().values());
    sets.addAll(written.sets().values());
    List<NftChain> chains = new ArrayList<>(base.chains().values());
    chains.addAll(written.chains().values());
    return NftTable.of(sets, chains);
  }

  /**
   * Blocking: writes what differs between the part the kernel holds and {@code next} in one
   * transaction (the first time, its base chains are created empty first, in the same script).
   */
  synchronized boolean apply(Nft nft, NftTable next) throws CommandException {
    NftTable from = written;
    StringBuilder script = new StringBuilder();
    if (from == null) {
      script.append("add table ").append(next.qualified()).append('\n');
      List<NftChain> bases = new ArrayList<>();
      for (NftChain c : next.chains().values()) {
        if (!c.base().isEmpty()) {
          script
              .append("add chain ")
              .append(next.qualified())
              .append(' ')
              .append(c.name())
              .append(" { ")
              .append(c.base())
              .append(" }\n");
          bases.add(new NftChain(c.name(), c.base(), List.of()));
        }
      }
      from = NftTable.of(List.of(), bases);
    }
    String delta =
        NftScript.delta(from, next)
            .orElseThrow(() -> new IllegalStateException("a policy base chain changed its hook"));
    script.append(delta);
    boolean changed = !delta.isEmpty() || written == null;
    if (changed) {
      nft.apply(script.toString());
    }
    written = next;
    return changed;
  }
}
