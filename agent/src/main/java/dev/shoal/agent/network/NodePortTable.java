package dev.shoal.agent.network;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which NodePort belongs to which service ({@code namespace/name}): the content of one allocation record,
 * kept as text {@code 30000=default/web,30007=shop/cart}. Immutable; pure.
 */
record NodePortTable(SortedMap<Integer, String> owners) {

  static final NodePortTable EMPTY = new NodePortTable(new TreeMap<>());

  NodePortTable {
    owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
  }

  /** Reads the text form; entries that do not parse are dropped (the sweeper rebuilds what is missing). */
  static NodePortTable parse(String text) {
    TreeMap<Integer, String> owners = new TreeMap<>();
    if (text != null) {
      for (String entry : text.split(",")) {
        int eq = entry.indexOf('=');
        if (eq > 0 && entry.substring(0, eq).matches("[0-9]{1,5}")) {
          owners.put(Integer.parseInt(entry.substring(0, eq)), entry.substring(eq + 1));
        }
      }
    }
    return new NodePortTable(owners);
  }

  String format() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<Integer, String> e : owners.entrySet()) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(e.getKey()).append('=').append(e.getValue());
    }
    return out.toString();
  }

  boolean taken(int port) {
    return owners.containsKey(port);
  }

  NodePortTable with(int port, String owner) {
    TreeMap<Integer, String> next = new TreeMap<>(owners);
    next.put(port, owner);
    return new NodePortTable(next);
  }

  NodePortTable without(int port) {
    TreeMap<Integer, String> next = new TreeMap<>(owners);
    next.remove(port);
    return new NodePortTable(next);
  }
}
