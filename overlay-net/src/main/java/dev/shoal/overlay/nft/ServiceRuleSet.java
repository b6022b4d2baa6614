package dev.shoal.overlay.nft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The service ports the node's table was last written from, by service, and what changing some
 * services does to the table: a delta planned from those services alone, so an endpoint change
 * costs the same with 10 services or 10,000 (planning and comparing the whole table takes about
 * half a second at 10,000 services with 10 endpoints each).
 *
 * <p>The only elements two services can share are {@code endpoint-self}'s (a pod behind two
 * services): they are counted, and added or deleted only when the first service needs one or the
 * last lets go. Everything else of a service port (its chains, its keys in the maps) is its own.
 * One writer: not thread-safe.
 */
public final class ServiceRuleSet {

  private final Map<String, List<ServicePortRule>> byService = new TreeMap<>();
  private final Map<String, Integer> endpointSelfUsers = new HashMap<>();

  /** Every service port, in service order. */
  public List<ServicePortRule> all() {
    List<ServicePortRule> out = new ArrayList<>();
    byService.values().forEach(out::addAll);
    return out;
  }

  /** The ports of one service as last written; empty when it has none. */
  public List<ServicePortRule> of(String service) {
    return byService.getOrDefault(service, List.of());
  }

  /** After the whole table was written from {@code rules}, by service. */
  public void replaceAll(Map<String, List<ServicePortRule>> rules) {
    byService.clear();
    endpointSelfUsers.clear();
    rules.forEach(this::put);
  }

  /**
   * What writing {@code next} (service to its ports; an empty list for a service that is gone) over
   * the current state does to the table; nothing changes here until {@link #commit}. Empty when a
   * delta cannot say it (as {@link NftScript#delta}): write the table in full then.
   *
   * @param base the node's spec; its services are ignored
   */
  public Optional<Change> change(DataplaneSpec base, Map<String, List<ServicePortRule>> next) {
    List<ServicePortRule> before = new ArrayList<>();
    List<ServicePortRule> after = new ArrayList<>();
    Map<String, Integer> users = new HashMap<>();
    for (Map.Entry<String, List<ServicePortRule>> e : new TreeMap<>(next).entrySet()) {
      before.addAll(of(e.getKey()));
      after.addAll(e.getValue());
    }
    Set<String> touched = new HashSet<>();
    before.forEach(
        r -> DataplanePlanner.endpointSelfKeys(r).forEach(k -> count(users, touched, k, -1)));
    after.forEach(
        r -> DataplanePlanner.endpointSelfKeys(r).forEach(k -> count(users, touched, k, +1)));
    Set<String> heldBefore = new HashSet<>();
    Set<String> heldAfter = new HashSet<>();
    for (String k : touched) {
      int was = endpointSelfUsers.getOrDefault(k, 0);
      if (was > 0) {
        heldBefore.add(k);
      }
      if (was + users.getOrDefault(k, 0) > 0) {
        heldAfter.add(k);
      }
    }
    return NftScript.delta(
            DataplanePlanner.plan(base.withServices(before), heldBefore),
            DataplanePlanner.plan(base.withServices(after), heldAfter))
        .map(script -> new Change(script, before, after, Map.copyOf(next)));
  }

  /** Records a change as written. */
  public void commit(Change change) {
    change.next().forEach(this::put);
  }

  private void put(String service, List<ServicePortRule> rules) {
    of(service)
        .forEach(
            r -> DataplanePlanner.endpointSelfKeys(r).forEach(k -> add(endpointSelfUsers, k, -1)));
    if (rules.isEmpty()) {
      byService.remove(service);
    } else {
      byService.put(service, List.copyOf(rules));
      rules.forEach(
          r -> DataplanePlanner.endpointSelfKeys(r).forEach(k -> add(endpointSelfUsers, k, +1)));
    }
  }

  private static void count(Map<String, Integer> users, Set<String> touched, String k, int d) {
    touched.add(k);
    add(users, k, d);
  }

  private static void add(Map<String, Integer> users, String k, int d) {
    int n = users.getOrDefault(k, 0) + d;
    if (n == 0) {
      users.remove(k);
    } else {
      users.put(k, n);
    }
  }

  /**
   * A delta to write: {@code script} (possibly empty), the changed services' ports {@code before}
   * and {@code after} it (for flushing the UDP flows of endpoints that went).
   */
  public record Change(
      String script,
      List<ServicePortRule> before,
      List<ServicePortRule> after,
      Map<String, List<ServicePortRule>> next) {}
}
