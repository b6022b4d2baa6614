package dev.shoal.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the end-to-end classes: the {@link TestbedExtension} gives each class a test bed, either
 * the one the run shares ({@link SharedBed}) or one of its own ({@code testbed/testbed up 3}, or as
 * many hosts as the class's {@link Hosts} says); this class holds that bed for the tests and the
 * helpers they share.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
abstract class ThreeHostTestbed {
  static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);

  static Testbed testbed;
  static volatile List<Host> hosts;
  static List<ShoalApi> apis;
  private static volatile Bed bed;

  /**
   * How many hosts a class's own test bed has (3 without it); not for {@link SharedBed} classes.
   */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @interface Hosts {
    int value();
  }

  /** The bed the running class uses (null between classes). */
  static void use(Testbed script, Bed current) {
    testbed = script;
    bed = current;
    hosts = current == null ? null : current.hosts();
    apis = current == null ? null : current.apis();
  }

  static Bed bed() {
    return bed;
  }

  static Host host(int number) {
    return hosts.get(number - 1);
  }

  static ShoalApi api(int number) {
    return apis.get(number - 1);
  }

  /**
   * Applies the workload through {@code via} and waits until all replicas serve; returns the pods.
   */
  static List<PodView> deploySleepers(ShoalApi via) {
    long start = System.nanoTime();
    via.apply(Sleepers.MANIFESTS);
    List<PodView> pods =
        Poll.until(
            Sleepers.REPLICAS + " serving pods",
            SETTLE_LIMIT,
            () -> serving(via),
            p -> p.size() == Sleepers.REPLICAS);
    figure(
        "deploy-ready %d pods in %s via %s (%s)",
        pods.size(), since(start), via.host().name(), spread(pods));
    return pods;
  }

  /** Serving pods of the workload as {@code via} sees them. */
  static List<PodView> serving(ShoalApi via) {
    return via.pods(Sleepers.NAMESPACE, Sleepers.SELECTOR).stream()
        .filter(PodView::serving)
        .toList();
  }

  static Map<String, Long> perNode(List<PodView> pods) {
    return pods.stream()
        .collect(Collectors.groupingBy(PodView::node, TreeMap::new, Collectors.counting()));
  }

  static String spread(List<PodView> pods) {
    return perNode(pods).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** Running app containers of the workload in one host's engine. */
  static int appContainers(Host host) {
    String ids =
        testbed.docker(
            host,
            "ps",
            "-q",
            "--filter",
            "label=dev.shoal.pod.namespace=" + Sleepers.NAMESPACE,
            "--filter",
            "label=dev.shoal.container.kind=app");
    return (int) ids.lines().filter(l -> !l.isBlank()).count();
  }

  /** Every object of the workload except pods, as "Kind name" to uid. */
  static Map<String, String> objects(ShoalApi via) {
    Map<String, String> found = new TreeMap<>();
    found.put(
        "Namespace e2e", via.get("/api/v1/namespaces/e2e").path("metadata").path("uid").asText());
    for (String path :
        List.of(
            "/api/v1/namespaces/e2e/services",
            "/apis/apps/v1/namespaces/e2e/deployments",
            "/apis/apps/v1/namespaces/e2e/replicasets")) {
      via.get(path)
          .path("items")
          .forEach(
              item ->
                  found.put(
                      item.path("kind").asText(path.substring(path.lastIndexOf('/') + 1))
                          + " "
                          + item.path("metadata").path("name").asText(),
                      item.path("metadata").path("uid").asText()));
    }
    return found;
  }

  static void figure(String format, Object... args) {
    System.out.println("E2E " + String.format(format, args));
  }

  static String since(long startNanos) {
    return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }
}
