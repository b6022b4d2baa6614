package dev.shoal.agent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.runtime.docker.TestImages;
import dev.shoal.agent.smoke.LocalAgent.Run;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl 1.32 cordoning, draining and uncordoning one agent's node: {@code cordon}
 * PATCHes the node and the cordon taint follows; {@code get pdb} prints upstream's columns with the
 * status the disruption controller computed; {@code drain --ignore-daemonsets
 * --delete-emptydir-data} evicts one pod of three under {@code minAvailable: 2}, is refused (429)
 * for the others until its timeout, leaves the DaemonSet's pod alone; with the budget relaxed the
 * drain completes; {@code uncordon} lets the replicas come back.
 */
@Tag("docker")
class KubectlDrainTest {
  static LocalAgent local;
  static String NS;
  static String NODE;

  @BeforeAll
  static void start() throws Exception {
    TestImages.ensure();
    local = LocalAgent.start("drain");
    NS = local.namespace;
    NODE = local.nodeName();
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) {
      local.close();
    }
  }

  static final String APP =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            terminationGracePeriodSeconds: 1
            volumes: [{name: scratch, emptyDir: {}}]
            containers:
            - name: web
              image: shoal-test/busybox:1
              command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
              volumeMounts: [{name: scratch, mountPath: /scratch}]
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            terminationGracePeriodSeconds: 1
            containers:
            - name: agent
              image: shoal-test/busybox:1
              command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
      ---
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: web}
      spec:
        minAvailable: 2
        selector: {matchLabels: {app: web}}
      """;

  @Test
  void cordonDrainWithABudgetAndUncordon() throws Exception {
    ok(kubectl("create", "namespace", NS)); // a protobuf body
    Path app = dataFile("app.yaml", APP);
    assertEquals(
        "deployment.apps/web created\ndaemonset.apps/agent created\n"
            + "poddisruptionbudget.policy/web created",
        ok(kubectl("apply", "-n", NS, "-f", app.toString())).trim());
    eventually(
        "3 web pods ready and the daemon running",
        () -> readyOnNode("web") == 3 && readyOnNode("agent") == 1);
    eventually(
        "the budget's status",
        () -> {
          JsonObject s = pdb().getJsonObject("status");
          return s != null
              && s.getInteger("disruptionsAllowed", -1) == 1
              && s.getInteger("currentHealthy", -1) == 3
              && s.getInteger("desiredHealthy", -1) == 2
              && s.getInteger("expectedPods", -1) == 3;
        });
    List<String> table = ok(kubectl("get", "pdb", "-n", NS)).lines().toList();
    assertEquals(
        List.of("NAME", "MIN", "AVAILABLE", "MAX", "UNAVAILABLE", "ALLOWED", "DISRUPTIONS", "AGE"),
        List.of(table.get(0).trim().split("\\s+")));
    assertEquals(
        List.of("web", "2", "N/A", "1"), List.of(table.get(1).split("\\s+")).subList(0, 4));
    JsonObject condition =
        pdb().getJsonObject("status").getJsonArray("conditions").getJsonObject(0);
    assertEquals("SufficientPods", condition.getString("reason"));

    assertEquals("node/" + NODE + " cordoned", ok(kubectl("cordon", NODE)).trim());
    assertEquals(true, node().getJsonObject("spec").getBoolean("unschedulable"));
    eventually("the cordon taint", () -> hasCordonTaint(node()));
    assertTrue(ok(kubectl("get", "node", NODE)).contains("Ready,SchedulingDisabled"));

    Run refused =
        kubectl("drain", NODE, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=12s");
    assertNotEquals(0, refused.code(), refused.toString());
    assertTrue(
        refused.err().contains("Cannot evict pod as it would violate the pod's disruption budget."),
        refused.toString());
    assertEquals(1, count(refused.out(), "pod/web-[a-z0-9-]+ evicted"), refused.toString());
    assertTrue(
        refused.err().contains("Warning: ignoring DaemonSet-managed Pods: " + NS + "/agent-"),
        refused.toString());
    eventually("2 web pods left on the node", () -> onNode("web") == 2);
    eventually(
        "the replacement waits: the only node is cordoned",
        () ->
            pods("web").stream()
                .anyMatch(
                    p ->
                        p.getJsonObject("spec").getString("nodeName") == null
                            && p.encode().contains("node(s) were unschedulable")));
    assertEquals(1, onNode("agent"), "the daemon stays");

    ok(
        kubectl(
            "patch",
            "pdb",
            "web",
            "-n",
            NS,
            "--type=merge",
            "-p",
            "{\"spec\":{\"minAvailable\":0}}"));
    Run drained =
        kubectl("drain", NODE, "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=60s");
    assertEquals(0, drained.code(), drained.toString());
    assertTrue(drained.out().contains("node/" + NODE + " drained"), drained.toString());
    assertEquals(0, onNode("web"), "only daemon pods are left on the node");
    assertEquals(1, onNode("agent"));

    assertEquals("node/" + NODE + " uncordoned", ok(kubectl("uncordon", NODE)).trim());
    eventually("the cordon taint goes", () -> !hasCordonTaint(node()));
    eventually("the replicas come back", () -> readyOnNode("web") == 3);
  }

  private static boolean hasCordonTaint(JsonObject node) {
    JsonArray taints = node.getJsonObject("spec").getJsonArray("taints");
    return taints != null
        && taints.stream()
            .map(JsonObject.class::cast)
            .anyMatch(
                t ->
                    "node.kubernetes.io/unschedulable".equals(t.getString("key"))
                        && "NoSchedule".equals(t.getString("effect")));
  }

  private static JsonObject pdb() throws Exception {
    return new JsonObject(ok(kubectl("get", "pdb", "web", "-n", NS, "-o", "json")));
  }

  private static JsonObject node() throws Exception {
    return new JsonObject(ok(kubectl("get", "node", NODE, "-o", "json")));
  }

  private static List<JsonObject> pods(String app) throws Exception {
    JsonObject list =
        new JsonObject(ok(kubectl("get", "pods", "-n", NS, "-l", "app=" + app, "-o", "json")));
    return list.getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  /** Pods of {@code app} bound to the node and not being deleted. */
  private static long onNode(String app) throws Exception {
    return pods(app).stream()
        .filter(p -> NODE.equals(p.getJsonObject("spec").getString("nodeName")))
        .filter(p -> p.getJsonObject("metadata").getString("deletionTimestamp") == null)
        .count();
  }

  private static long readyOnNode(String app) throws Exception {
    return pods(app).stream()
        .filter(p -> NODE.equals(p.getJsonObject("spec").getString("nodeName")))
        .filter(
            p -> {
              JsonArray conditions =
                  p.getJsonObject("status", new JsonObject()).getJsonArray("conditions");
              return conditions != null
                  && conditions.stream()
                      .map(JsonObject.class::cast)
                      .anyMatch(
                          c ->
                              "Ready".equals(c.getString("type"))
                                  && "True".equals(c.getString("status")));
            })
        .count();
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static void eventually(String what, Eventually.Check check) throws Exception {
    Eventually.check(check, Duration.ofSeconds(60), Duration.ofMillis(300), what);
  }

  private static Path dataFile(String name, String text) throws Exception {
    Path file = local.dataDir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static String ok(Run run) {
    assertEquals(0, run.code(), "kubectl failed: " + run);
    return run.out();
  }

  private static Run kubectl(String... args) throws Exception {
    return local.kubectl(args);
  }
}
