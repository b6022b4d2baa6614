package dev.shoal.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespace of one {@link SharedBed} class: created (and seen by every host) before the class,
 * deleted after it, and only counted gone when no host lists a pod of it and no engine holds a
 * container of it, so the next class starts on a bed without its objects.
 */
final class ClassNamespace {
  private static final Duration LIMIT = Duration.ofSeconds(120);

  private ClassNamespace() {}

  static void create(Bed bed, String name) {
    ShoalApi first = bed.apis().get(0);
    Poll.until(
        "namespace " + name + " created",
        LIMIT,
        () -> first.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + "}\n"),
        result -> true);
    for (ShoalApi api : bed.apis()) {
      Poll.until(
          api.host().name() + " sees namespace " + name,
          LIMIT,
          () -> api.status("/api/v1/namespaces/" + name),
          code -> code == 200);
    }
  }

  static void delete(Bed bed, Testbed testbed, String name) {
    long start = System.nanoTime();
    ShoalApi first = bed.apis().get(0);
    Poll.until(
        "namespace " + name + " deleted",
        LIMIT,
        () -> first.status("/api/v1/namespaces/" + name) == 404 || deleteOnce(first, name),
        deleted -> deleted);
    Poll.until(
        "no pod or container of namespace " + name + " left",
        LIMIT,
        () -> leftovers(bed, testbed, name),
        Map::isEmpty);
    ThreeHostTestbed.figure(
        "namespace-cleanup %s: no pod or container of it left %s after the delete",
        name, ThreeHostTestbed.since(start));
  }

  private static boolean deleteOnce(ShoalApi api, String name) {
    api.delete("/api/v1/namespaces/" + name);
    return true;
  }

  /** Pods of the namespace each host lists, and containers of it each engine holds. */
  private static Map<String, Integer> leftovers(Bed bed, Testbed testbed, String name) {
    Map<String, Integer> left = new TreeMap<>();
    for (ShoalApi api : bed.apis()) {
      int pods = api.get("/api/v1/namespaces/" + name + "/pods").path("items").size();
      if (pods > 0) {
        left.put(api.host().name() + " pods", pods);
      }
    }
    for (Host host : bed.hosts()) {
      List<String> containers =
          testbed
              .docker(host, "ps", "-aq", "--filter", "label=dev.shoal.pod.namespace=" + name)
              .lines()
              .filter(l -> !l.isBlank())
              .toList();
      if (!containers.isEmpty()) {
        left.put(host.name() + " containers", containers.size());
      }
    }
    return left;
  }
}
