package dev.shoal.agent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.smoke.LocalAgent.Run;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kubectl's imperative commands against one agent, with nothing turned off: {@code create
 * namespace|deployment|configmap|secret generic|job} (protobuf bodies), {@code run} and {@code
 * expose} (JSON), and {@code scale} through the {@code scale} subresource, with and without {@code
 * --current-replicas}; {@code delete --cascade=orphan|foreground} and the default background.
 */
@Tag("docker")
class KubectlImperativeTest {
  static LocalAgent local;
  static String NS;

  @BeforeAll
  static void start() throws Exception {
    local = LocalAgent.start("imperative");
    NS = local.namespace;
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void createRunExposeScale() throws Exception {
    assertEquals("namespace/" + NS + " created", ok("create", "namespace", NS));
    assertEquals(
        "deployment.apps/web created",
        ok(
            "create",
            "deployment",
            "web",
            "-n",
            NS,
            "--image=nginx:1",
            "--port=80",
            "--replicas=0"));
    JsonObject web = json("get", "deploy", "web", "-n", NS, "-o", "json");
    assertEquals(
        0, web.getJsonObject("spec").getInteger("replicas"), "a replicas: 0 set on purpose");
    JsonObject container =
        web.getJsonObject("spec")
            .getJsonObject("template")
            .getJsonObject("spec")
            .getJsonArray("containers")
            .getJsonObject(0);
    assertEquals("nginx:1", container.getString("image"));
    assertEquals(80, container.getJsonArray("ports").getJsonObject(0).getInteger("containerPort"));

    assertEquals(
        "configmap/cfg created",
        ok("create", "configmap", "cfg", "-n", NS, "--from-literal=greeting=hello"));
    assertEquals(
        "hello",
        json("get", "cm", "cfg", "-n", NS, "-o", "json")
            .getJsonObject("data")
            .getString("greeting"));
    assertEquals(
        "secret/s1 created",
        ok("create", "secret", "generic", "s1", "-n", NS, "--from-literal=k=v"));
    assertEquals(
        "dg==",
        json("get", "secret", "s1", "-n", NS, "-o", "json").getJsonObject("data").getString("k"));
    assertEquals(
        "job.batch/once created",
        ok("create", "job", "once", "-n", NS, "--image=busybox", "--", "true"));
    assertEquals(
        "pod/solo created",
        ok("run", "solo", "-n", NS, "--image=busybox", "--restart=Never", "--", "sleep", "1"));
    assertEquals(
        "service/web exposed",
        ok("expose", "deployment", "web", "-n", NS, "--port=80", "--target-port=8080"));
    assertEquals(
        8080,
        json("get", "svc", "web", "-n", NS, "-o", "json")
            .getJsonObject("spec")
            .getJsonArray("ports")
            .getJsonObject(0)
            .getInteger("targetPort"));

    assertEquals("deployment.apps/web scaled", ok("scale", "deploy/web", "-n", NS, "--replicas=3"));
    assertEquals(
        3,
        json("get", "deploy", "web", "-n", NS, "-o", "json")
            .getJsonObject("spec")
            .getInteger("replicas"));
    assertEquals(
        "deployment.apps/web scaled",
        ok("scale", "deploy/web", "-n", NS, "--current-replicas=3", "--replicas=2"));
    Run stale =
        local.kubectl("scale", "deploy/web", "-n", NS, "--current-replicas=5", "--replicas=1");
    assertNotEquals(0, stale.code(), stale.toString());
    assertTrue(stale.err().contains("Expected replicas to be 5, was 2"), stale.err());
    assertEquals(
        2,
        json("get", "deploy", "web", "-n", NS, "-o", "json")
            .getJsonObject("spec")
            .getInteger("replicas"));

    Run scale =
        local.kubectl("get", "--raw", "/apis/apps/v1/namespaces/" + NS + "/deployments/web/scale");
    JsonObject body = new JsonObject(ok(scale));
    assertEquals("Scale", body.getString("kind"));
    assertEquals(2, body.getJsonObject("spec").getInteger("replicas"));
    assertEquals("app=web", body.getJsonObject("status").getString("selector"));
  }

  @Test
  void deleteCascadeOrphanForegroundBackground() throws Exception {
    String ns = NS + "-del";
    ok("create", "namespace", ns);
    for (String name : new String[] {"keep", "fg", "bg"}) {
      ok("create", "deployment", name, "-n", ns, "--image=shoal-test/none:1", "--replicas=1");
    }
    for (String name : new String[] {"keep", "fg", "bg"}) {
      names("rs", ns, name, 1);
      names("pods", ns, name, 1);
    }

    assertEquals(
        "deployment.apps \"keep\" deleted",
        ok("delete", "deploy", "keep", "-n", ns, "--cascade=orphan"));
    Run gone = local.kubectl("get", "deploy", "keep", "-n", ns);
    assertTrue(
        gone.err().contains("NotFound") || gone.err().contains("not found"), gone.toString());
    JsonObject rs =
        json("get", "rs", "-n", ns, "-l", "app=keep", "-o", "json")
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals(null, rs.getJsonObject("metadata").getValue("ownerReferences"), "orphaned: " + rs);
    assertEquals(null, rs.getJsonObject("metadata").getValue("deletionTimestamp"));
    names("pods", ns, "keep", 1); // the replica set still keeps its pod

    // Foreground: kubectl waits until the deployment is gone, which is after its replica set and
    // pods.
    assertEquals(
        "deployment.apps \"fg\" deleted",
        ok("delete", "deploy", "fg", "-n", ns, "--cascade=foreground"));
    assertEquals(0, count("rs", ns, "fg"), "the replica set went first");
    assertEquals(0, count("pods", ns, "fg"), "and its pods before it");

    assertEquals("deployment.apps \"bg\" deleted", ok("delete", "deploy", "bg", "-n", ns));
    names("rs", ns, "bg", 0);
    names("pods", ns, "bg", 0);
  }

  private static int count(String kind, String ns, String app) throws Exception {
    return json("get", kind, "-n", ns, "-l", "app=" + app, "-o", "json")
        .getJsonArray("items")
        .size();
  }

  /** Waits until exactly {@code n} objects of {@code kind} carry {@code app=name}. */
  private static void names(String kind, String ns, String app, int n) throws Exception {
    Eventually.check(
        () -> count(kind, ns, app) == n,
        Duration.ofSeconds(60),
        Duration.ofMillis(300),
        n + " " + kind + " of " + app);
  }

  private static String ok(String... args) throws Exception {
    return ok(local.kubectl(args));
  }

  private static String ok(Run run) {
    assertEquals(0, run.code(), run.toString());
    return run.out().trim();
  }

  private static JsonObject json(String... args) throws Exception {
    return new JsonObject(ok(args));
  }
}
