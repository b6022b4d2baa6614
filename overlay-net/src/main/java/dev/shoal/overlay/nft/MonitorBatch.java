package dev.shoal.overlay.nft;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code nft monitor} output line by line and groups it into transactions: each batch of
 * changes ends with {@code # new generation N by process PID (nft)}. What a batch changed in the
 * watched table is reported as the names of the chains and sets it touched, or as the whole table
 * (a chain, set or the table itself added or deleted), with the process that made it. Pure: no I/O,
 * one instance per monitor.
 */
public final class MonitorBatch {

  /**
   * One transaction's changes to the table. {@code whole}: read the whole table back, not just
   * {@code names}.
   */
  public record Changes(long pid, Set<String> names, boolean whole) {}

  private final String qualifiedTable;
  private final Set<String> names = new LinkedHashSet<>();
  private boolean whole;

  public MonitorBatch(String qualifiedTable) {
    this.qualifiedTable = qualifiedTable;
  }

  /** Feeds one line; returns the batch when the line ended one that touched the table. */
  public Optional<Changes> line(String line) {
    String l = line.strip();
    if (l.startsWith("# new generation ")) {
      List<String> words = List.of(l.split("\\s+"));
      int by = words.indexOf("process");
      long pid = -1;
      if (by >= 0 && by + 1 < words.size()) {
        try {
          pid = Long.parseLong(words.get(by + 1));
        } catch (NumberFormatException ignored) {
          // an unknown writer: treat as foreign
        }
      }
      Optional<Changes> out =
          names.isEmpty() && !whole
              ? Optional.empty()
              : Optional.of(new Changes(pid, Set.copyOf(names), whole));
      names.clear();
      whole = false;
      return out;
    }
    List<String> words = new ArrayList<>(List.of(l.split("\\s+")));
    if (words.size() < 4 || !(words.get(0).equals("add") || words.get(0).equals("delete"))) {
      return Optional.empty();
    }
    String kind = words.get(1);
    if (!(words.get(2) + " " + words.get(3)).equals(qualifiedTable)) {
      return Optional.empty();
    }
    if (kind.equals("table")) {
      whole = true;
      return Optional.empty();
    }
    if (words.size() < 5 || words.get(4).startsWith("__")) {
      return Optional.empty(); // anonymous sets of a rule: the rule itself is reported
    }
    switch (kind) {
      case "rule", "element" -> names.add(words.get(4));
      case "chain", "set", "map" -> whole = true;
      default -> {}
    }
    return Optional.empty();
  }
}
