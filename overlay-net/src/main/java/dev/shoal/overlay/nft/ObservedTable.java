package dev.shoal.overlay.nft;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the kernel holds of a table (or of one chain or set of it), read from {@code nft -j list
 * ...}: rules per chain and elements per set or map. Counting is enough to see what a person or
 * another program deleted; the planned table is then written in full again.
 */
public record ObservedTable(
    Map<String, Integer> rulesPerChain, Map<String, Integer> elementsPerSet) {

  public ObservedTable {
    rulesPerChain = Collections.unmodifiableMap(new TreeMap<>(rulesPerChain));
    elementsPerSet = Collections.unmodifiableMap(new TreeMap<>(elementsPerSet));
  }

  public static final ObservedTable ABSENT = new ObservedTable(Map.of(), Map.of());

  /** Parses {@code nft -j list table|chain|set|map} output. */
  public static ObservedTable parse(String json) {
    Map<String, Integer> rules = new TreeMap<>();
    Map<String, Integer> elements = new TreeMap<>();
    JsonArray items = new JsonObject(json).getJsonArray("nftables", new JsonArray());
    for (Object o : items) {
      JsonObject item = (JsonObject) o;
      if (item.containsKey("chain")) {
        rules.putIfAbsent(item.getJsonObject("chain").getString("name"), 0);
      } else if (item.containsKey("rule")) {
        rules.merge(item.getJsonObject("rule").getString("chain"), 1, Integer::sum);
      } else {
        for (String kind : List.of("set", "map")) {
          if (item.containsKey(kind)) {
            JsonObject s = item.getJsonObject(kind);
            JsonArray elem = s.getJsonArray("elem");
            elements.put(s.getString("name"), elem == null ? 0 : elem.size());
          }
        }
      }
    }
    return new ObservedTable(rules, elements);
  }

  /**
   * How the kernel differs from the plan, one line per difference, empty when it agrees. With
   * {@code only}, only those chains and sets are compared (a read-back of part of the table).
   */
  public List<String> driftFrom(NftTable planned, Set<String> only) {
    List<String> out = new ArrayList<>();
    planned
        .chains()
        .values()
        .forEach(
            c -> {
              if (only != null && !only.contains(c.name())) {
                return;
              }
              Integer seen = rulesPerChain.get(c.name());
              if (seen == null) {
                out.add("chain " + c.name() + " is missing");
              } else if (seen != c.rules().size()) {
                out.add(
                    "chain " + c.name() + " has " + seen + " rule(s), planned " + c.rules().size());
              }
            });
    planned
        .sets()
        .values()
        .forEach(
            s -> {
              if (only != null && !only.contains(s.name())) {
                return;
              }
              Integer seen = elementsPerSet.get(s.name());
              if (seen == null) {
                out.add(s.kind() + " " + s.name() + " is missing");
              } else if (!s.dynamic() && seen != s.elements().size()) {
                out.add(
                    s.kind()
                        + " "
                        + s.name()
                        + " has "
                        + seen
                        + " element(s), planned "
                        + s.elements().size());
              }
            });
    if (only == null) {
      rulesPerChain.keySet().stream()
          .filter(c -> !planned.chains().containsKey(c))
          .forEach(c -> out.add("chain " + c + " is not planned"));
      elementsPerSet.keySet().stream()
          .filter(s -> !planned.sets().containsKey(s))
          .forEach(s -> out.add("set " + s + " is not planned"));
    }
    return out;
  }
}
