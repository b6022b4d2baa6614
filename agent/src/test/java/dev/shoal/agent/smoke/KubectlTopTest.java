package dev.shoal.agent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.runtime.docker.TestImages;
import dev.shoal.agent.smoke.LocalAgent.Run;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl top} (Debian's kubectl 1.32, fresh cache, so discovery is read from the agent)
 * against one agent sampling its two pods, one burning CPU: {@code top pods} in a namespace, with
 * {@code -l}, {@code --containers} and {@code -A}; {@code top nodes}; a pod without metrics is "not
 * found"; and the raw PodMetrics carries metrics-server's fields and units.
 */
@Tag("docker")
class KubectlTopTest {
  static LocalAgent local;
  static String ns;

  @BeforeAll
  static void start() throws Exception {
    TestImages.ensure();
    local = LocalAgent.start("top");
    ns = local.namespace;
    Path manifest = Files.createTempFile("top", ".yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: burn, namespace: %1$s, labels: {app: burn}}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - {name: loop, image: shoal-test/busybox:1, command: ["sh", "-c", "while :; do :; done"]}
          - {name: sidecar, image: shoal-test/busybox:1, command: ["sleep", "3600"]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: idle, namespace: %1$s, labels: {app: idle}}
        spec:
          terminationGracePeriodSeconds: 0
          containers:
          - {name: main, image: shoal-test/busybox:1, command: ["sleep", "3600"]}
        """
            .formatted(ns));
    ok(local.kubectl("apply", "-f", manifest.toString()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void topPodsAndNodes() throws Exception {
    List<List<String>> pods =
        Eventually.poll(
            () -> rows(local.kubectl("top", "pods", "-n", ns)),
            rows -> rows.size() == 3,
            Duration.ofSeconds(60),
            Duration.ofMillis(500),
            "kubectl top pods shows both pods");
    assertEquals(List.of("NAME", "CPU(cores)", "MEMORY(bytes)"), pods.get(0));
    assertEquals("burn", pods.get(1).get(0));
    assertEquals("idle", pods.get(2).get(0));
    int burnMillis = millicores(pods.get(1).get(1));
    assertTrue(burnMillis >= 50, "the burning pod uses CPU: " + pods);
    assertTrue(millicores(pods.get(2).get(1)) <= 20, "the idle one hardly any: " + pods);
    assertTrue(pods.get(1).get(2).endsWith("Mi"), pods.toString());

    List<List<String>> containers =
        rows(ok(local.kubectl("top", "pods", "-n", ns, "-l", "app=burn", "--containers")));
    assertEquals(List.of("POD", "NAME", "CPU(cores)", "MEMORY(bytes)"), containers.get(0));
    assertEquals(List.of("burn", "loop"), containers.get(1).subList(0, 2));
    assertEquals(List.of("burn", "sidecar"), containers.get(2).subList(0, 2));
    assertEquals(3, containers.size(), "only the pod the selector matches: " + containers);

    List<List<String>> all = rows(ok(local.kubectl("top", "pods", "-A")));
    assertEquals(List.of("NAMESPACE", "NAME", "CPU(cores)", "MEMORY(bytes)"), all.get(0));
    assertTrue(
        all.stream().anyMatch(r -> r.get(0).equals(ns) && r.get(1).equals("idle")), all.toString());

    Run missing = local.kubectl("top", "pod", "-n", ns, "nosuchpod");
    assertNotEquals(0, missing.code());
    assertTrue(missing.err().contains("not found"), missing.toString());

    List<List<String>> nodes =
        Eventually.poll(
            () -> rows(local.kubectl("top", "nodes")),
            rows -> rows.size() == 2,
            Duration.ofSeconds(30),
            Duration.ofMillis(500),
            "kubectl top nodes shows the node");
    assertEquals(
        List.of("NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"), nodes.get(0));
    assertEquals(local.nodeName(), nodes.get(1).get(0));
    assertTrue(millicores(nodes.get(1).get(1)) >= burnMillis / 2, nodes.toString());
    assertTrue(nodes.get(1).get(2).endsWith("%"), nodes.toString());

    JsonObject raw =
        new JsonObject(
            ok(
                local.kubectl(
                    "get",
                    "--raw",
                    "/apis/metrics.k8s.io/v1beta1/namespaces/" + ns + "/pods/burn")));
    assertEquals("PodMetrics", raw.getString("kind"));
    assertEquals("metrics.k8s.io/v1beta1", raw.getString("apiVersion"));
    assertEquals("burn", raw.getJsonObject("metadata").getJsonObject("labels").getString("app"));
    // the interval (1s) or, after a tick the loaded machine made late, the time since the last one
    String window = raw.getString("window");
    assertTrue(window.matches("\\d+(\\.\\d+)?s"), window);
    assertTrue(Double.parseDouble(window.replace("s", "")) >= 1, window);
    JsonObject usage = raw.getJsonArray("containers").getJsonObject(0).getJsonObject("usage");
    assertTrue(usage.getString("cpu").matches("\\d+[num]?"), usage.encode());
    assertTrue(usage.getString("memory").matches("\\d+(Ki|Mi)?"), usage.encode());
  }

  /** The table's rows split on blanks, header first; an empty list when kubectl failed. */
  private static List<List<String>> rows(Run run) {
    if (run.code() != 0) {
      return List.of();
    }
    return run.out()
        .lines()
        .filter(l -> !l.isBlank())
        .map(l -> Arrays.asList(l.trim().split("\\s+")))
        .toList();
  }

  private static List<List<String>> rows(String out) {
    return rows(new Run(0, out, ""));
  }

  private static int millicores(String cpu) {
    return cpu.endsWith("m")
        ? Integer.parseInt(cpu.substring(0, cpu.length() - 1))
        : Integer.parseInt(cpu) * 1000;
  }

  private static String ok(Run run) {
    assertEquals(0, run.code(), "kubectl failed: " + run);
    return run.out();
  }
}
