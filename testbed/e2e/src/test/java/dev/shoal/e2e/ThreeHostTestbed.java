package dev.shoal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;

/**
 * Base of the end-to-end classes: one {@code testbed/testbed up 3} per class (or as many hosts as
 * the class's {@link Hosts} says), {@code down} after it (also when a test or the start failed),
 * the hosts' logs copied to {@code target/testbed-logs/<class>/} first.
 */
@Tag("testbed")
abstract class ThreeHostTestbed {
  static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);

  static Testbed testbed;
  static volatile List<Host> hosts;
  static List<ShoalApi> apis;

  private static final AtomicBoolean HOOKED = new AtomicBoolean();

  /** How many hosts a class's test bed has (3 without it). */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
  @interface Hosts {
    int value();
  }

  @BeforeAll
  static void startTestbed(TestInfo info) {
    int count =
        info.getTestClass().map(c -> c.getAnnotation(Hosts.class)).map(Hosts::value).orElse(3);
    testbed = Testbed.locate();
    if (HOOKED.compareAndSet(false, true)) {
      // A test JVM stopped from outside (e.g. a CI time limit) still takes the hosts down.
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    if (hosts != null) {
                      testbed.down();
                    }
                  },
                  "testbed-down"));
    }
    long start = System.nanoTime();
    hosts = testbed.up(count);
    apis = hosts.stream().map(ShoalApi::new).toList();
    figure("testbed-up %d host(s) in %s", count, since(start));
  }

  @AfterAll
  static void stopTestbed(TestInfo info) {
    if (testbed == null) {
      return;
    }
    try {
      copyLogs(info.getTestClass().map(Class::getSimpleName).orElse("unknown"));
    } finally {
      testbed.down();
      hosts = null;
      apis = null;
    }
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

  private static void copyLogs(String testClass) {
    try {
      Host first =
          hosts != null
              ? hosts.get(0)
              : new Host("h1", "", java.net.URI.create("https://192.0.2.11:7070"));
      Path from = testbed.logDir(first);
      Path to = Path.of("target", "testbed-logs", testClass);
      Files.createDirectories(to);
      try (Stream<Path> files = Files.list(from)) {
        for (Path file : files.toList()) {
          Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.out.println("E2E logs of " + testClass + " in " + to.toAbsolutePath());
    } catch (IOException | RuntimeException e) {
      System.out.println("E2E could not copy the test bed logs: " + e);
    }
  }
}
