package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DaemonSets on three hosts: one pod on every host; with h3 tainted, a set without a toleration
 * leaves it out and one with the toleration runs there too; when h3 crashes its daemon pod stays
 * bound to it (daemon pods tolerate an unreachable node) while the Deployment's replicas move, and
 * when h3 comes back the daemon runs there again.
 */
class DaemonSetTest extends ThreeHostTestbed {

  private static final String NAMESPACE = "e2e-ds";

  private static String daemonSet(String name, String tolerations) {
    return """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: %s, namespace: e2e-ds}
        spec:
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              terminationGracePeriodSeconds: 2
              tolerations: %s
              containers:
              - name: main
                image: shoal-test/busybox:1
                imagePullPolicy: IfNotPresent
                command: ["sleep", "3600"]
        """
        .formatted(name, name, name, tolerations);
  }

  private static Map<String, Long> servingPerNode(String app) {
    return perNode(api(1).pods(NAMESPACE, "app=" + app).stream().filter(PodView::serving).toList());
  }

  private static Map<String, Long> waitFor(String app, Map<String, Long> expected) {
    long start = System.nanoTime();
    Map<String, Long> seen =
        Poll.stable(
            app + " serving on " + expected.keySet(),
            SETTLE_LIMIT,
            java.time.Duration.ofSeconds(3),
            () -> perNode(api(2).pods(NAMESPACE, "app=" + app)),
            p -> p.equals(expected) && servingPerNode(app).equals(expected));
    figure("daemonset %s on %s in %s", app, seen.keySet(), since(start));
    return seen;
  }

  @Test
  void everyHostThenATaintedHostOnlyWithATolerationAndBackAfterACrash() {
    api(1).apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: e2e-ds}\n");
    api(1).apply(daemonSet("everywhere", "[]"));
    waitFor("everywhere", Map.of("h1", 1L, "h2", 1L, "h3", 1L));

    api(2)
        .mergePatch(
            "/api/v1/nodes/h3",
            "{\"spec\":{\"taints\":[{\"key\":\"dedicated\",\"value\":\"infra\",\"effect\":\"NoSchedule\"}]}}");
    api(1).apply(daemonSet("plain", "[]"));
    api(1)
        .apply(
            daemonSet(
                "tolerant",
                "[{key: dedicated, operator: Equal, value: infra, effect: NoSchedule}]"));
    waitFor("plain", Map.of("h1", 1L, "h2", 1L));
    waitFor("tolerant", Map.of("h1", 1L, "h2", 1L, "h3", 1L));
    // A NoSchedule taint added later does not evict the pod already there.
    waitFor("everywhere", Map.of("h1", 1L, "h2", 1L, "h3", 1L));
    assertEquals(
        2,
        api(1)
            .get("/apis/apps/v1/namespaces/e2e-ds/daemonsets/plain")
            .path("status")
            .path("desiredNumberScheduled")
            .asInt());

    String h3Pod =
        api(1).pods(NAMESPACE, "app=tolerant").stream()
            .filter(p -> p.node().equals("h3"))
            .findFirst()
            .orElseThrow()
            .uid();
    long crashed = System.nanoTime();
    testbed.crash(host(3));
    Poll.until(
        "h3 tainted unreachable",
        SETTLE_LIMIT,
        () -> api(1).get("/api/v1/nodes/h3").path("spec").path("taints").toString(),
        t -> t.contains("node.kubernetes.io/unreachable"));
    figure("daemonset h3 tainted unreachable %s after the crash", since(crashed));
    List<PodView> kept =
        Poll.stable(
            "the tolerant daemon pod still bound to h3",
            SETTLE_LIMIT,
            java.time.Duration.ofSeconds(10),
            () -> api(1).pods(NAMESPACE, "app=tolerant"),
            p -> p.stream().anyMatch(pod -> pod.uid().equals(h3Pod)) && p.size() == 3);
    assertEquals(3, kept.size());

    long restarted = System.nanoTime();
    testbed.restart(host(3));
    waitFor("tolerant", Map.of("h1", 1L, "h2", 1L, "h3", 1L));
    waitFor("everywhere", Map.of("h1", 1L, "h2", 1L, "h3", 1L));
    figure("daemonset h3's daemons serving again %s after its restart", since(restarted));
    Poll.until(
        "h3's unreachable taint removed",
        SETTLE_LIMIT,
        () -> api(1).get("/api/v1/nodes/h3").path("spec").path("taints").toString(),
        t -> !t.contains("node.kubernetes.io/unreachable") && t.contains("dedicated"));
  }
}
