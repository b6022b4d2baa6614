package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A user's everyday kubectl session against host 2 of the test bed, with the real kubectl, a fresh
 * cache and nothing turned off: version and discovery, apply (created, unchanged, configured, an
 * unknown field refused), the upstream columns of get, a rollout (status, set image, history, undo,
 * restart), wait, label and annotate, logs of a pod on another host, describe with its Events, get
 * events, explain, and delete. The steps build on each other, in order.
 */
@SharedBed(namespace = KubectlTest.NS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlTest extends ThreeHostTestbed {

  static final String NS = "kubectl";
  static Kubectl kubectl;

  /** The app: two netecho replicas with a readiness probe, and its Service. */
  static String app(String image, String ports, String extraSpec) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: %s
                command: [netecho, serve, "8080"]
                ports: %s
                readinessProbe:
                  tcpSocket: {port: 8080}
                  periodSeconds: 1
        %s---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        """
        .formatted(image, ports, extraSpec);
  }

  @BeforeAll
  static void setUp() {
    kubectl = Kubectl.against(host(2), testbed);
    // a second tag of the same image, so `set image` has somewhere to go on every host
    for (Host host : hosts) {
      testbed.docker(host, "tag", "shoal-test/netecho:1", "shoal-test/netecho:2");
    }
  }

  @AfterAll
  static void tearDown() {
    for (Host host : hosts) {
      testbed.docker(host, "rmi", "shoal-test/netecho:2");
    }
  }

  @Test
  @Order(1)
  void versionAndDiscovery() {
    Kubectl.Run version = kubectl.run("version");
    assertTrue(version.ok().contains("Server Version: v1.32.0-shoal"), version.toString());
    assertTrue(version.err().isBlank(), "no skew warning: " + version.err());
    String resources = kubectl.run("api-resources").ok();
    assertTrue(
        resources
            .lines()
            .anyMatch(
                l ->
                    columns(l)
                        .equals(List.of("deployments", "deploy", "apps/v1", "true", "Deployment"))),
        resources);
    assertTrue(
        resources
            .lines()
            .anyMatch(l -> columns(l).equals(List.of("pods", "po", "v1", "true", "Pod"))),
        resources);
  }

  @Test
  @Order(2)
  void applyCreatesFindsNothingThenConfigures() {
    var first =
        kubectl.file(
            "app.yaml",
            app("shoal-test/netecho:1", "[{containerPort: 8080}, {containerPort: 9090}]", ""));
    assertEquals(
        "deployment.apps/web created\nservice/web created",
        kubectl.run("apply", "-n", NS, "-f", first.toString()).ok().trim());
    assertEquals(
        "deployment.apps/web unchanged\nservice/web unchanged",
        kubectl.run("apply", "-n", NS, "-f", first.toString()).ok().trim());
    var changed =
        kubectl.file(
            "changed.yaml",
            app("shoal-test/netecho:1", "[{containerPort: 8080}]", "  minReadySeconds: 0\n"));
    Kubectl.Run configured = kubectl.run("apply", "-n", NS, "-f", changed.toString());
    assertEquals(
        "deployment.apps/web configured\nservice/web unchanged",
        configured.ok().trim(),
        configured.toString());
    String ports =
        kubectl
            .run(
                "get",
                "-n",
                NS,
                "deploy",
                "web",
                "-o",
                "jsonpath={.spec.template.spec.containers[0].ports[*].containerPort}")
            .ok();
    assertEquals("8080", ports.trim(), "9090 removed, 8080 still there");

    var unknown =
        kubectl.file(
            "unknown.yaml", app("shoal-test/netecho:1", "[{containerPort: 8080}]", "  foo: bar\n"));
    Kubectl.Run refused = kubectl.run("apply", "-n", NS, "-f", unknown.toString());
    assertNotEquals(0, refused.code());
    assertTrue(refused.err().contains("unknown field \"spec.foo\""), refused.toString());
  }

  @Test
  @Order(3)
  void getShowsTheUpstreamColumns() {
    kubectl.run("rollout", "status", "-n", NS, "deploy/web", "--timeout=120s").ok();
    assertEquals(
        List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"),
        header(kubectl.run("get", "-n", NS, "deploy").ok()));
    String deploy = kubectl.run("get", "-n", NS, "deploy", "web", "--no-headers").ok();
    assertEquals(List.of("web", "2/2", "2", "2"), columns(deploy).subList(0, 4), deploy);
    assertEquals(
        List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"),
        header(kubectl.run("get", "-n", NS, "pods").ok()));
    String wide = kubectl.run("get", "-n", NS, "pods", "-o", "wide").ok();
    assertEquals(
        List.of(
            "NAME",
            "READY",
            "STATUS",
            "RESTARTS",
            "AGE",
            "IP",
            "NODE",
            "NOMINATED",
            "NODE",
            "READINESS",
            "GATES"),
        header(wide));
    assertTrue(
        wide.lines().skip(1).allMatch(l -> l.contains("1/1") && l.contains("Running")), wide);
    String all = kubectl.run("get", "-n", NS, "all").ok();
    for (String expected :
        List.of("pod/web-", "service/web", "deployment.apps/web", "replicaset.apps/web-")) {
      assertTrue(all.contains(expected), expected + " in\n" + all);
    }
    String nodes = kubectl.run("get", "nodes").ok();
    assertEquals(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"), header(nodes));
    assertEquals(3, nodes.lines().skip(1).filter(l -> l.contains(" Ready ")).count(), nodes);
  }

  @Test
  @Order(4)
  void rolloutSetImageHistoryUndoRestart() {
    assertEquals(
        "deployment.apps/web image updated",
        kubectl
            .run("set", "image", "-n", NS, "deploy/web", "web=shoal-test/netecho:2")
            .ok()
            .trim());
    assertTrue(
        kubectl
            .run("rollout", "status", "-n", NS, "deploy/web", "--timeout=120s")
            .ok()
            .contains("successfully rolled out"));
    String history = kubectl.run("rollout", "history", "-n", NS, "deploy/web").ok();
    assertTrue(history.lines().anyMatch(l -> l.startsWith("1 ")), history);
    assertTrue(history.lines().anyMatch(l -> l.startsWith("2 ")), history);
    assertEquals(
        "deployment.apps/web rolled back",
        kubectl.run("rollout", "undo", "-n", NS, "deploy/web").ok().trim());
    kubectl.run("rollout", "status", "-n", NS, "deploy/web", "--timeout=120s").ok();
    assertEquals("shoal-test/netecho:1", image());
    assertEquals(
        "deployment.apps/web restarted",
        kubectl.run("rollout", "restart", "-n", NS, "deploy/web").ok().trim());
    kubectl.run("rollout", "status", "-n", NS, "deploy/web", "--timeout=120s").ok();
    assertTrue(
        kubectl
            .run(
                "get",
                "-n",
                NS,
                "deploy",
                "web",
                "-o",
                "jsonpath={.spec.template.metadata.annotations}")
            .ok()
            .contains("kubectl.kubernetes.io/restartedAt"));
    kubectl
        .run("wait", "-n", NS, "--for=condition=Ready", "pod", "-l", "app=web", "--timeout=120s")
        .ok();
  }

  @Test
  @Order(5)
  void labelAnnotateAndSelect() {
    String pod = firstPod();
    assertEquals(
        "pod/" + pod + " labeled",
        kubectl.run("label", "-n", NS, "pod", pod, "picked=yes").ok().trim());
    assertEquals(
        "pod/" + pod + " annotated",
        kubectl.run("annotate", "-n", NS, "pod", pod, "note=hello").ok().trim());
    assertEquals(
        pod,
        kubectl
            .run("get", "-n", NS, "pods", "-l", "picked=yes", "-o", "name")
            .ok()
            .trim()
            .replace("pod/", ""));
    assertEquals(
        "hello",
        kubectl
            .run("get", "-n", NS, "pod", pod, "-o", "jsonpath={.metadata.annotations.note}")
            .ok());
  }

  @Test
  @Order(6)
  void logsOfAPodOnAnotherHostDescribeAndEvents() {
    var talker =
        kubectl.file(
            "talker.yaml",
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: talker}
            spec:
              nodeSelector: {kubernetes.io/hostname: h3}
              terminationGracePeriodSeconds: 1
              containers:
              - name: talker
                image: shoal-test/busybox:1
                command: [sh, -c, 'i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done']
            """);
    kubectl.run("apply", "-n", NS, "-f", talker.toString()).ok();
    kubectl.run("wait", "-n", NS, "--for=condition=Ready", "pod/talker", "--timeout=120s").ok();
    Poll.until(
        "talker to have said three lines",
        Duration.ofSeconds(30),
        () -> kubectl.run("logs", "-n", NS, "talker").out(),
        out -> out.lines().count() >= 3);
    String tail = kubectl.run("logs", "-n", NS, "talker", "--tail=2").ok();
    assertEquals(2, tail.lines().count(), tail);
    assertTrue(tail.lines().allMatch(l -> l.startsWith("line ")), tail);

    String described = kubectl.run("describe", "-n", NS, "pod", "talker").ok();
    assertTrue(described.contains("Node:         h3/"), described);
    assertTrue(described.contains("Events:"), described);
    assertTrue(described.contains("default-scheduler"), "Scheduled by the scheduler: " + described);
    assertTrue(described.contains("Started"), described);

    String events = kubectl.run("get", "events", "-n", NS).ok();
    assertEquals(List.of("LAST", "SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"), header(events));
    assertTrue(events.contains("pod/talker"), events);
    for (String reason : List.of("Scheduled", "Started", "SuccessfulCreate", "ScalingReplicaSet")) {
      assertTrue(events.contains(reason), reason + " in\n" + events);
    }
    assertTrue(
        events.contains("Successfully assigned " + NS + "/talker to h3"),
        "the scheduler's: " + events);

    String explained = kubectl.run("explain", "deployment.spec.replicas").ok();
    assertTrue(explained.contains("FIELD: replicas <integer>"), explained);
  }

  @Test
  @Order(7)
  void deleteRemovesThePods() {
    String output =
        kubectl
            .run("delete", "-n", NS, "-f", kubectl.dir().resolve("changed.yaml").toString())
            .ok();
    assertTrue(output.contains("deployment.apps \"web\" deleted"), output);
    assertTrue(output.contains("service \"web\" deleted"), output);
    Poll.until(
        "the app's pods to be gone",
        Duration.ofSeconds(60),
        () -> kubectl.run("get", "-n", NS, "pods", "-l", "app=web", "-o", "name").ok(),
        String::isBlank);
  }

  private static String image() {
    return kubectl
        .run(
            "get",
            "-n",
            NS,
            "deploy",
            "web",
            "-o",
            "jsonpath={.spec.template.spec.containers[0].image}")
        .ok();
  }

  private static String firstPod() {
    return kubectl
        .run("get", "-n", NS, "pods", "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}")
        .ok();
  }

  private static List<String> header(String table) {
    return columns(table.lines().findFirst().orElse(""));
  }

  private static List<String> columns(String line) {
    return Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
