package dev.shoal.agent.addresses;

import dev.shoal.manifests.model.Service;
import dev.shoal.manifests.model.ServicePort;
import dev.shoal.manifests.model.ServiceSpec;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which NodePort belongs to which service ({@code namespace/name}): the content of one allocation
 * record, kept as text {@code 30000=default/web,30007=shop/cart}, and the same table as the
 * services themselves hold it ({@link #heldBy}). Immutable; pure.
 */
public record NodePortTable(SortedMap<Integer, String> owners) {

  public static final NodePortTable EMPTY = new NodePortTable(new TreeMap<>());

  public NodePortTable {
    owners = Collections.unmodifiableSortedMap(new TreeMap<>(owners));
  }

  /**
   * Reads the text form; entries that do not parse are dropped (the sweeper rebuilds what is
   * missing).
   */
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

  /**
   * The node ports {@code services} hold, by port: the truth a lost or stale table is rebuilt from.
   * When two services hold one port (an allocation lost before this table existed) the first by
   * name keeps it.
   */
  public static NodePortTable heldBy(Collection<Service> services) {
    TreeMap<String, Service> byName = new TreeMap<>();
    for (Service s : services) {
      byName.put(owner(s), s);
    }
    TreeMap<Integer, String> held = new TreeMap<>();
    for (Map.Entry<String, Service> entry : byName.entrySet()) {
      ServiceSpec spec = entry.getValue().spec();
      if (spec == null || !"NodePort".equals(spec.type())) {
        continue;
      }
      for (ServicePort port : spec.portsOrEmpty()) {
        if (port.nodePort() != null && port.nodePort() > 0) {
          held.putIfAbsent(port.nodePort(), entry.getKey());
        }
      }
    }
    return new NodePortTable(held);
  }

  /** How a table names a service: {@code namespace/name}. */
  static String owner(Service service) {
    return service.metadata().namespaceOrDefault() + "/" + service.metadata().name();
  }

  /**
   * This table with every port of {@code held} given to its holder: entries lost or stale come
   * back.
   */
  NodePortTable withHeld(NodePortTable held) {
    TreeMap<Integer, String> next = new TreeMap<>(owners);
    next.putAll(held.owners());
    return next.equals(owners) ? this : new NodePortTable(next);
  }

  /** The ports of {@code other} this table lacks or gives to someone else. */
  java.util.List<Integer> differingFrom(NodePortTable other) {
    return other.owners().entrySet().stream()
        .filter(e -> !e.getValue().equals(owners.get(e.getKey())))
        .map(Map.Entry::getKey)
        .toList();
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
