package dev.shoal.agent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.smoke.LocalAgent.Run;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl (Debian's 1.32) against one agent, with nothing turned off (no {@code
 * --validate=false}) and a fresh cache: apply creates, finds nothing to change, configures through
 * a strategic merge patch built from the served OpenAPI v3, refuses an unknown field, dry-runs on
 * the server, warns with {@code --validate=warn}, refuses {@code --server-side} cleanly; {@code
 * diff} (a server dry run), {@code patch --type=json|merge} and {@code explain} work.
 */
@Tag("docker")
class KubectlApplyTest {
  static LocalAgent local;
  static String NS;
  static Path dataDir;

  @BeforeAll
  static void start() throws Exception {
    local = LocalAgent.start("kubectl");
    NS = local.namespace;
    dataDir = local.dataDir;
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void applyPatchExplainWithNothingTurnedOff() throws Exception {
    Path namespace = manifest("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: %s}\n");
    assertEquals(
        "namespace/" + NS + " created", ok(kubectl("apply", "-f", namespace.toString())).trim());

    Path app = manifest("app.yaml", app("nginx:1", "[80, 81, 82]", ""));
    Run created = kubectl("apply", "-n", NS, "-f", app.toString());
    assertEquals("deployment.apps/web created\nservice/web created", ok(created).trim());
    assertTrue(created.err().isBlank(), "no warning at all: " + created.err());

    assertEquals(
        "deployment.apps/web unchanged\nservice/web unchanged",
        ok(kubectl("apply", "-n", NS, "-f", app.toString())).trim());

    Path changed = manifest("changed.yaml", app("nginx:2", "[80, 82]", ""));
    Run configured = kubectl("apply", "-n", NS, "-f", changed.toString());
    assertEquals("deployment.apps/web configured\nservice/web unchanged", ok(configured).trim());
    assertTrue(configured.err().isBlank(), "no patch fallback warning: " + configured.err());
    JsonObject container = container();
    assertEquals("nginx:2", container.getString("image"));
    assertEquals(List.of(80, 82), ports(container), "port 81 removed, the others still there");
    String lastApplied =
        deployment()
            .getJsonObject("metadata")
            .getJsonObject("annotations")
            .getString("kubectl.kubernetes.io/last-applied-configuration");
    assertTrue(
        lastApplied.contains("\"image\":\"nginx:2\""), "kept as kubectl sent it: " + lastApplied);

    Path unknown = manifest("unknown.yaml", app("nginx:2", "[80, 82]", "  foo: bar\n"));
    Run refused = kubectl("apply", "-n", NS, "-f", unknown.toString());
    assertNotEquals(0, refused.code());
    assertTrue(refused.err().contains("unknown field \"spec.foo\""), refused.err());
    assertTrue(
        refused.err().contains("strict decoding error"), "the server refused: " + refused.err());

    Run warned = kubectl("apply", "-n", NS, "--validate=warn", "-f", unknown.toString());
    assertTrue(ok(warned).contains("deployment.apps/web configured"), warned.out());
    assertTrue(warned.err().contains("Warning: unknown field \"spec.foo\""), warned.err());

    Run serverSide = kubectl("apply", "-n", NS, "--server-side", "-f", changed.toString());
    assertNotEquals(0, serverSide.code());
    assertTrue(
        serverSide.err().contains("Server-side apply not available on the server"),
        serverSide.err());

    Path scaled = manifest("scaled.yaml", app("nginx:3", "[80, 82]", ""));
    Run diff = kubectl("diff", "-n", NS, "-f", scaled.toString());
    assertEquals(1, diff.code(), "kubectl diff: 1 means differences found; " + diff.err());
    assertTrue(diff.out().contains("-      - image: nginx:2"), diff.out());
    assertTrue(diff.out().contains("+      - image: nginx:3"), diff.out());
    assertEquals(
        "deployment.apps/web configured (server dry run)\nservice/web unchanged (server dry run)",
        ok(kubectl("apply", "-n", NS, "--dry-run=server", "-f", scaled.toString())).trim());
    assertEquals("nginx:2", container().getString("image"), "a dry run writes nothing");

    assertEquals(
        "deployment.apps/web patched",
        ok(kubectl(
                "patch",
                "-n",
                NS,
                "deployment",
                "web",
                "--type=json",
                "-p",
                "[{\"op\":\"add\",\"path\":\"/spec/minReadySeconds\",\"value\":5},"
                    + "{\"op\":\"remove\",\"path\":\"/spec/template/spec/containers/0/ports/0\"}]"))
            .trim());
    assertEquals(5, deployment().getJsonObject("spec").getInteger("minReadySeconds"));
    assertEquals(List.of(82), ports(container()));

    assertEquals(
        "deployment.apps/web patched",
        ok(kubectl(
                "patch",
                "-n",
                NS,
                "deployment",
                "web",
                "--type=merge",
                "-p",
                "{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}"))
            .trim());
    assertEquals(
        "front", deployment().getJsonObject("metadata").getJsonObject("labels").getString("tier"));

    String explained = ok(kubectl("explain", "deployment.spec"));
    assertTrue(explained.contains("KIND:       Deployment"), explained);
    assertTrue(explained.contains("FIELD: spec <DeploymentSpec>"), explained);
    assertTrue(explained.contains("replicas\t<integer>"), explained);
    assertTrue(explained.contains("template\t<PodTemplateSpec>"), explained);
  }

  /** A Deployment (replicas 0: no pod needs to run) and a Service; {@code extraSpec} goes last. */
  static String app(String image, String ports, String extraSpec) {
    String containerPorts =
        ports
            .replaceAll("[\\[\\]]", "")
            .lines()
            .flatMap(l -> List.of(l.split(",\\s*")).stream())
            .map(p -> "        - containerPort: " + p.trim() + "\n")
            .collect(Collectors.joining());
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 0
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: %s
                ports:
        %s
        %s---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: 80}]
        """
        .formatted(image, containerPorts.stripTrailing(), extraSpec);
  }

  static JsonObject deployment() throws Exception {
    return new JsonObject(ok(kubectl("get", "-n", NS, "deployment", "web", "-o", "json")));
  }

  static JsonObject container() throws Exception {
    return deployment()
        .getJsonObject("spec")
        .getJsonObject("template")
        .getJsonObject("spec")
        .getJsonArray("containers")
        .getJsonObject(0);
  }

  static List<Integer> ports(JsonObject container) {
    List<Integer> ports = new ArrayList<>();
    JsonArray list = container.getJsonArray("ports");
    for (int i = 0; i < list.size(); i++) {
      ports.add(list.getJsonObject(i).getInteger("containerPort"));
    }
    return ports;
  }

  static Path manifest(String name, String text) throws Exception {
    Path file = dataDir.resolve(name);
    Files.writeString(file, text.contains("%s") ? text.formatted(NS) : text);
    return file;
  }

  static String ok(Run run) {
    assertEquals(0, run.code(), "kubectl failed: " + run.err() + run.out());
    return run.out();
  }

  static Run kubectl(String... args) throws Exception {
    return local.kubectl(args);
  }
}
