package dev.shoal.agent.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.docker.TestImages;
import dev.shoal.agent.smoke.LocalAgent;
import dev.shoal.agent.smoke.LocalAgent.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl (Debian's 1.32) against one whole agent, through the kubeconfig the agent writes
 * for its admin, with a fresh discovery cache: version, api-resources, and {@code get} of pods,
 * deployments, everything, nodes, namespaces and events in upstream's columns, field selectors.
 * kubectl waits for the deployment itself ({@code kubectl wait}, a watch).
 */
@Tag("docker")
class KubectlAgentTest {

  static LocalAgent local;
  static String NS;
  static String NODE;
  static Path dataDir;

  @BeforeAll
  static void start() throws Exception {
    TestImages.ensure();
    local = LocalAgent.start("kubectl");
    NS = local.namespace;
    NODE = local.nodeName();
    dataDir = local.dataDir;
    Path manifests = dataDir.resolve("web.yaml");
    Files.writeString(
        manifests,
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %s}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: %s}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: web
                image: shoal-test/busybox:1
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: %s}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: 8080}]
        """
            .formatted(NS, NS, NS));
    Run created = kubectl("create", "-f", manifests.toString(), "--validate=false");
    assertEquals(0, created.code(), created.toString());
    Run waited =
        kubectl(
            "wait",
            "-n",
            NS,
            "--for=jsonpath={.status.readyReplicas}=2",
            "deployment/web",
            "--timeout=90s");
    assertEquals(0, waited.code(), waited.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void theKubeconfigIsTheAdminsAndPrivate() throws Exception {
    Path kubeconfig = dataDir.resolve("admin.kubeconfig");
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig)));
    String text = Files.readString(kubeconfig);
    assertTrue(text.contains(Files.readString(dataDir.resolve("admin.token")).trim()), "the token");
    assertTrue(text.contains("certificate-authority-data:"), "the CA");
    Run whoami =
        kubectl("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}");
    assertTrue(whoami.out().startsWith("https://127.0.0.1:"), whoami.toString());
  }

  @Test
  void versionHasNoSkewWarning() throws Exception {
    Run version = kubectl("version");
    assertEquals(0, version.code(), version.toString());
    assertTrue(
        Pattern.compile("(?m)^Server Version: v1\\.32\\.0-shoal\\.").matcher(version.out()).find(),
        version.toString());
    assertFalse(version.err().contains("WARNING"), version.toString());
  }

  @Test
  void apiResourcesShowShortNamesAndKinds() throws Exception {
    Run resources = kubectl("api-resources");
    assertEquals(0, resources.code(), resources.toString());
    for (String row :
        List.of(
            "pods po v1 true Pod",
            "services svc v1 true Service",
            "namespaces ns v1 false Namespace",
            "nodes no v1 false Node",
            "endpoints ep v1 true Endpoints",
            "events ev v1 true Event",
            "deployments deploy apps/v1 true Deployment",
            "replicasets rs apps/v1 true ReplicaSet",
            "daemonsets ds apps/v1 true DaemonSet",
            "cronjobs cj batch/v1 true CronJob",
            "jobs batch/v1 true Job",
            "networkpolicies netpol networking.k8s.io/v1 true NetworkPolicy",
            "poddisruptionbudgets pdb policy/v1 true PodDisruptionBudget")) {
      assertTrue(rows(resources.out()).contains(row), row + " in\n" + resources.out());
    }
    Run inAll = kubectl("api-resources", "--categories=all", "-o", "name");
    assertEquals(
        Set.of(
            "pods",
            "services",
            "daemonsets.apps",
            "deployments.apps",
            "replicasets.apps",
            "statefulsets.apps",
            "horizontalpodautoscalers.autoscaling",
            "cronjobs.batch",
            "jobs.batch"),
        Set.copyOf(rows(inAll.out())),
        inAll.toString());
  }

  @Test
  void getPodsInUpstreamColumnsAndWide() throws Exception {
    Run pods = kubectl("get", "pods", "-n", NS);
    assertEquals(0, pods.code(), pods.toString());
    List<String> lines = rows(pods.out());
    assertEquals("NAME READY STATUS RESTARTS AGE", lines.get(0), pods.out());
    assertEquals(3, lines.size(), pods.out());
    for (String row : lines.subList(1, 3)) {
      assertTrue(row.matches("web-[a-z0-9]+-[a-z0-9]+ 1/1 Running 0 \\d+s"), row);
    }
    Run wide = kubectl("get", "po", "-n", NS, "-o", "wide");
    List<String> wideLines = rows(wide.out());
    assertEquals(
        "NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES",
        wideLines.get(0),
        wide.out());
    assertTrue(
        wideLines
            .get(1)
            .matches(".* Running 0 \\d+s \\d+\\.\\d+\\.\\d+\\.\\d+ " + NODE + " <none> <none>"),
        wide.out());
    Run everywhere = kubectl("get", "pods", "-A", "-L", "app");
    assertEquals(
        "NAMESPACE NAME READY STATUS RESTARTS AGE APP",
        rows(everywhere.out()).get(0),
        everywhere.out());
    assertTrue(
        rows(everywhere.out()).stream()
            .anyMatch(r -> r.startsWith(NS + " web-") && r.endsWith(" web")),
        everywhere.out());
  }

  @Test
  void getDeploymentsAllNodesNamespacesEvents() throws Exception {
    Run deploy = kubectl("get", "deploy", "-n", NS);
    assertEquals(
        List.of("NAME READY UP-TO-DATE AVAILABLE AGE"),
        rows(deploy.out()).subList(0, 1),
        deploy.toString());
    assertTrue(rows(deploy.out()).get(1).matches("web 2/2 2 2 \\d+s"), deploy.out());

    Run all = kubectl("get", "all", "-n", NS);
    assertEquals(0, all.code(), all.toString());
    List<String> headers = rows(all.out()).stream().filter(r -> r.startsWith("NAME ")).toList();
    assertEquals(
        List.of(
            "NAME READY STATUS RESTARTS AGE",
            "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE",
            "NAME READY UP-TO-DATE AVAILABLE AGE",
            "NAME DESIRED CURRENT READY AGE"),
        headers,
        "pods, services, deployments, replica sets in upstream's order:\n" + all.out());
    String folded = String.join("\n", rows(all.out()));
    for (String expected :
        List.of(
            "pod/web-",
            "service/web ClusterIP ",
            "deployment.apps/web 2/2 2 2 ",
            "replicaset.apps/web-")) {
      assertTrue(folded.contains(expected), expected + " in\n" + all.out());
    }

    Run nodes = kubectl("get", "nodes");
    assertEquals("NAME STATUS ROLES AGE VERSION", rows(nodes.out()).get(0), nodes.toString());
    assertTrue(rows(nodes.out()).get(1).startsWith(NODE + " Ready <none> "), nodes.out());

    Run namespaces = kubectl("get", "ns");
    assertEquals("NAME STATUS AGE", rows(namespaces.out()).get(0), namespaces.toString());
    assertTrue(
        rows(namespaces.out()).stream().anyMatch(r -> r.matches(NS + " Active \\d+s")),
        namespaces.out());

    Run events = kubectl("get", "ev", "-n", NS);
    assertEquals(0, events.code(), events.toString());
    assertEquals("", events.err(), "no warning of an ambiguous short name");
    assertEquals("LAST SEEN TYPE REASON OBJECT MESSAGE", rows(events.out()).get(0), events.out());
    assertTrue(
        rows(events.out()).stream()
            .anyMatch(r -> r.matches("\\d+s Normal Started pod/web-\\S+ .*")),
        events.out());
  }

  @Test
  void fieldSelectorsSelectAndUnknownFieldsAreRefused() throws Exception {
    Run running =
        kubectl("get", "pods", "-n", NS, "--field-selector", "status.phase=Running", "-o", "name");
    List<String> names = rows(running.out());
    assertEquals(2, names.size(), running.toString());
    String one = names.get(0).substring("pod/".length());
    Run byName =
        kubectl("get", "pods", "-n", NS, "--field-selector", "metadata.name=" + one, "-o", "name");
    assertEquals(List.of("pod/" + one), rows(byName.out()), byName.toString());
    Run onNode =
        kubectl(
            "get",
            "pods",
            "-A",
            "--field-selector",
            "spec.nodeName=" + NODE + ",metadata.namespace=" + NS,
            "-o",
            "name");
    assertEquals(2, rows(onNode.out()).size(), onNode.toString());
    Run none = kubectl("get", "pods", "-n", NS, "--field-selector", "status.phase=Failed");
    assertEquals(0, none.code(), none.toString());
    assertTrue(none.err().contains("No resources found"), none.toString());
    Run unknown = kubectl("get", "deploy", "-n", NS, "--field-selector", "spec.nodeName=x");
    assertEquals(1, unknown.code(), unknown.toString());
    assertTrue(
        unknown.err().contains("field label not supported: spec.nodeName"), unknown.toString());
  }

  @Test
  void aWatchPrintsRowsAsTheyCome() throws Exception {
    Process watch =
        new ProcessBuilder(command("get", "pods", "-n", NS, "--watch"))
            .redirectErrorStream(true)
            .start();
    try (var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
      // The first Table of the watch carries the header, the next ones only their row.
      assertEquals("NAME READY STATUS RESTARTS AGE", rows(lines.readLine()).get(0));
      assertTrue(rows(lines.readLine()).get(0).matches("web-\\S+ 1/1 Running 0 \\d+s"));
      assertTrue(rows(lines.readLine()).get(0).matches("web-\\S+ 1/1 Running 0 \\d+s"));
    } finally {
      watch.destroy();
      watch.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void describeAndEventsShowWhatHappenedToThePod() throws Exception {
    String pod = rows(kubectl("get", "pods", "-n", NS, "-o", "name").out()).get(0);
    Run described = kubectl("describe", pod, "-n", NS);
    assertEquals(0, described.code(), described.toString());
    List<String> lines = rows(described.out());
    int events = lines.indexOf("Events:");
    assertTrue(events > 0, "an Events section:\n" + described.out());
    assertEquals("Type Reason Age From Message", lines.get(events + 1), described.out());
    assertTrue(
        lines.subList(events + 2, lines.size()).stream()
            .anyMatch(r -> r.matches("Normal Started \\d+s kubelet Started container web")),
        described.out());
    Run recent = kubectl("events", "-n", NS);
    assertEquals(0, recent.code(), recent.toString());
    assertTrue(
        rows(recent.out()).stream()
            .anyMatch(r -> r.matches("\\d+s Normal Started Pod/web-\\S+ Started container web")),
        recent.out());
  }

  /** Output lines with runs of blanks folded into one, for comparing columns. */
  static List<String> rows(String out) {
    List<String> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        rows.add(line.trim().replaceAll("\\s+", " "));
      }
    }
    return rows;
  }

  static Run kubectl(String... args) throws Exception {
    return local.kubectl(args);
  }

  static List<String> command(String... args) {
    return local.kubectlCommand(args);
  }
}
