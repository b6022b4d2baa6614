package dev.shoal.overlay.nft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Renders tables as {@code nft -f} input. Every script is one transaction: the kernel takes all of
 * it or none.
 *
 * <ul>
 *   <li>{@link #full}: create the table if missing, delete it, define it anew. Used for the first
 *       program and to repair drift.
 *   <li>{@link #delta}: from the table last applied to the next one, touching only what differs:
 *       new sets and chains, changed chains flushed and refilled, element deletes and adds, then
 *       stale chains and sets flushed and deleted (after nothing refers to them). Empty when the
 *       two agree; absent when a set's type or a chain's hook changed (then write it in full).
 *   <li>{@link #delete}: remove the table, whether it exists or not.
 * </ul>
 */
public final class NftScript {

  /** Elements per {@code add element} command: keeps lines short for nft's parser on big maps. */
  private static final int ELEMENTS_PER_COMMAND = 1000;

  private NftScript() {}

  public static String full(NftTable t) {
    StringBuilder out = new StringBuilder();
    out.append("add table ").append(t.qualified()).append('\n');
    out.append("delete table ").append(t.qualified()).append('\n');
    out.append("table ").append(t.qualified()).append(" {\n");
    for (NftSet s : t.sets().values()) {
      out.append('\t')
          .append(s.kind())
          .append(' ')
          .append(s.name())
          .append(" {\n\t\t")
          .append(s.declaration())
          .append('\n');
      out.append("\t}\n");
    }
    for (NftChain c : t.chains().values()) {
      out.append("\tchain ").append(c.name()).append(" {\n");
      if (!c.base().isEmpty()) {
        out.append("\t\t").append(c.base()).append('\n');
      }
      c.rules().forEach(r -> out.append("\t\t").append(r).append('\n'));
      out.append("\t}\n");
    }
    out.append("}\n");
    for (NftSet s : t.sets().values()) {
      appendElements(out, "add", t, s.name(), List.copyOf(s.elements().entrySet()));
    }
    return out.toString();
  }

  public static String delete(String qualifiedTable) {
    return "add table " + qualifiedTable + "\ndelete table " + qualifiedTable + "\n";
  }

  public static Optional<String> delta(NftTable from, NftTable to) {
    for (NftSet s : to.sets().values()) {
      NftSet old = from.sets().get(s.name());
      if (old != null
          && (!old.declaration().equals(s.declaration()) || !old.kind().equals(s.kind()))) {
        return Optional.empty();
      }
    }
    for (NftChain c : to.chains().values()) {
      NftChain old = from.chains().get(c.name());
      if (old != null && !old.base().equals(c.base())) {
        return Optional.empty();
      }
      if (old == null && !c.base().isEmpty()) {
        return Optional.empty();
      }
    }
    String table = to.qualified();
    StringBuilder out = new StringBuilder();
    to.sets().values().stream()
        .filter(s -> !from.sets().containsKey(s.name()))
        .forEach(
            s ->
                out.append("add ")
                    .append(s.kind())
                    .append(' ')
                    .append(table)
                    .append(' ')
                    .append(s.name())
                    .append(" { ")
                    .append(s.declaration())
                    .append(" }\n"));
    List<NftChain> filled = new ArrayList<>();
    for (NftChain c : to.chains().values()) {
      NftChain old = from.chains().get(c.name());
      if (old == null) {
        out.append("add chain ").append(table).append(' ').append(c.name()).append('\n');
        filled.add(c);
      } else if (!old.rules().equals(c.rules())) {
        filled.add(c);
      }
    }
    for (NftChain c : filled) {
      if (from.chains().containsKey(c.name())) {
        out.append("flush chain ").append(table).append(' ').append(c.name()).append('\n');
      }
      c.rules()
          .forEach(
              r ->
                  out.append("add rule ")
                      .append(table)
                      .append(' ')
                      .append(c.name())
                      .append(' ')
                      .append(r)
                      .append('\n'));
    }
    for (NftSet s : to.sets().values()) {
      NftSet old = from.sets().get(s.name());
      Map<String, String> before = old == null ? Map.of() : old.elements();
      List<Map.Entry<String, String>> removed = new ArrayList<>();
      List<Map.Entry<String, String>> added = new ArrayList<>();
      before.forEach(
          (k, v) -> {
            if (!Objects.equals(s.elements().get(k), v)) {
              removed.add(Map.entry(k, ""));
            }
          });
      s.elements()
          .forEach(
              (k, v) -> {
                if (!Objects.equals(before.get(k), v)) {
                  added.add(Map.entry(k, v));
                }
              });
      appendElements(out, "delete", to, s.name(), removed);
      appendElements(out, "add", to, s.name(), added);
    }
    List<NftChain> stale =
        from.chains().values().stream().filter(c -> !to.chains().containsKey(c.name())).toList();
    stale.forEach(
        c -> out.append("flush chain ").append(table).append(' ').append(c.name()).append('\n'));
    stale.forEach(
        c -> out.append("delete chain ").append(table).append(' ').append(c.name()).append('\n'));
    from.sets().values().stream()
        .filter(s -> !to.sets().containsKey(s.name()))
        .forEach(
            s ->
                out.append("delete ")
                    .append(s.kind())
                    .append(' ')
                    .append(table)
                    .append(' ')
                    .append(s.name())
                    .append('\n'));
    return Optional.of(out.toString());
  }

  private static void appendElements(
      StringBuilder out,
      String verb,
      NftTable t,
      String set,
      List<Map.Entry<String, String>> elements) {
    for (int i = 0; i < elements.size(); i += ELEMENTS_PER_COMMAND) {
      List<Map.Entry<String, String>> chunk =
          elements.subList(i, Math.min(elements.size(), i + ELEMENTS_PER_COMMAND));
      out.append(verb)
          .append(" element ")
          .append(t.qualified())
          .append(' ')
          .append(set)
          .append(" { ");
      for (int j = 0; j < chunk.size(); j++) {
        out.append(j == 0 ? "" : ", ")
            .append(NftSet.element(chunk.get(j).getKey(), chunk.get(j).getValue()));
      }
      out.append(" }\n");
    }
  }
}
