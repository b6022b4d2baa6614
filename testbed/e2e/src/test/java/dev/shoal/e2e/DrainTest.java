package dev.shoal.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl drain} of one host with the real kubectl 1.32: a 3-replica Deployment under a
 * PodDisruptionBudget {@code minAvailable: 2} never has fewer than 2 ready replicas (counted every
 * 100 ms through the API for the whole drain), the host is left with only DaemonSet pods, and after
 * {@code kubectl uncordon} new pods are placed there again. Its own bed: it cordons a node.
 */
class DrainTest extends ThreeHostTestbed {

  static final String NS = "e2e-drain";

  static final String MANIFESTS =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: e2e-drain}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web, namespace: e2e-drain}
      spec:
        replicas: 3
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            terminationGracePeriodSeconds: 1
            volumes: [{name: scratch, emptyDir: {}}]
            containers:
            - name: main
              image: shoal-test/busybox:1
              imagePullPolicy: IfNotPresent
              command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
              volumeMounts: [{name: scratch, mountPath: /scratch}]
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: e2e-drain}
      spec:
        selector: {matchLabels: {app: agent}}
        template:
          metadata: {labels: {app: agent}}
          spec:
            terminationGracePeriodSeconds: 1
            containers:
            - name: main
              image: shoal-test/busybox:1
              imagePullPolicy: IfNotPresent
              command: ["sleep", "3600"]
      ---
      apiVersion: policy/v1
      kind: PodDisruptionBudget
      metadata: {name: web, namespace: e2e-drain}
      spec:
        minAvailable: 2
        selector: {matchLabels: {app: web}}
      """;

  @Test
  void drainKeepsTheBudgetAndLeavesOnlyDaemonPodsThenUncordonTakesPodsAgain() throws Exception {
    api(1).apply(MANIFESTS);
    List<PodView> web =
        Poll.until(
            "3 serving web pods and a daemon per host",
            SETTLE_LIMIT,
            () -> serving("app=web"),
            p -> p.size() == 3 && serving("app=agent").size() == 3);
    // The host to drain: one that holds a web pod, so the budget is exercised.
    String target = web.get(0).node();
    long onTarget = web.stream().filter(p -> p.node().equals(target)).count();
    Poll.until(
        "the budget allows one disruption",
        SETTLE_LIMIT,
        () -> api(2).get("/apis/policy/v1/namespaces/e2e-drain/poddisruptionbudgets/web"),
        pdb -> pdb.path("status").path("disruptionsAllowed").asInt(-1) == 1);

    Path kubeconfig = kubeconfig(host(2));
    AtomicBoolean draining = new AtomicBoolean(true);
    AtomicInteger samples = new AtomicInteger();
    AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
    List<String> below = new ArrayList<>();
    Thread sampler =
        new Thread(
            () -> {
              while (draining.get()) {
                long next = System.nanoTime() + 100_000_000L;
                try {
                  int ready = serving("app=web").size();
                  samples.incrementAndGet();
                  lowest.accumulateAndGet(ready, Math::min);
                  if (ready < 2) {
                    synchronized (below) {
                      below.add(ready + " at sample " + samples.get());
                    }
                  }
                } catch (RuntimeException e) {
                  // an unanswered request is no sample
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
              }
            },
            "ready-sampler");
    sampler.start();
    long start = System.nanoTime();
    Run drain =
        kubectl(
            kubeconfig,
            "drain",
            target,
            "--ignore-daemonsets",
            "--delete-emptydir-data",
            "--timeout=240s");
    String took = since(start);
    draining.set(false);
    sampler.join();
    figure(
        "drain of %s (%d web pod(s) there) in %s; %d samples every 100 ms, lowest ready %d",
        target, onTarget, took, samples.get(), lowest.get());
    assertEquals(0, drain.code(), drain.toString());
    assertTrue(drain.out().contains("node/" + target + " drained"), drain.toString());
    assertEquals(List.of(), below, "samples with fewer than 2 ready replicas");
    assertTrue(lowest.get() >= 2, "lowest " + lowest.get());
    assertTrue(samples.get() > 10, "sampled: " + samples.get());

    JsonNode onHost = api(1).get("/api/v1/pods?fieldSelector=spec.nodeName%3D" + target);
    List<String> left = new ArrayList<>();
    for (JsonNode pod : onHost.path("items")) {
      String owner = "";
      for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
        if (ref.path("controller").asBoolean()) {
          owner = ref.path("kind").asText();
        }
      }
      if (!owner.equals("DaemonSet")) {
        left.add(
            pod.path("metadata").path("namespace").asText()
                + "/"
                + pod.path("metadata").path("name").asText());
      }
    }
    assertEquals(List.of(), left, "only DaemonSet pods are left on " + target);
    // the evicted replica's replacement may still be starting when the drain returns
    Poll.until(
        "the 3 replicas to serve elsewhere",
        Duration.ofSeconds(60),
        () -> serving("app=web").stream().filter(p -> !p.node().equals(target)).count(),
        count -> count == 3);
    assertTrue(
        api(1)
            .get("/api/v1/nodes/" + target)
            .path("spec")
            .path("taints")
            .toString()
            .contains("node.kubernetes.io/unschedulable"));

    Run uncordon = kubectl(kubeconfig, "uncordon", target);
    assertEquals(0, uncordon.code(), uncordon.toString());
    Poll.until(
        "the cordon taint goes",
        SETTLE_LIMIT,
        () -> api(1).get("/api/v1/nodes/" + target).path("spec").toString(),
        s ->
            !s.contains("node.kubernetes.io/unschedulable")
                && !s.contains("\"unschedulable\":true"));
    long back = System.nanoTime();
    api(1)
        .mergePatch(
            "/apis/apps/v1/namespaces/e2e-drain/deployments/web", "{\"spec\":{\"replicas\":6}}");
    List<PodView> again =
        Poll.until(
            "new replicas placed on " + target + " again",
            SETTLE_LIMIT,
            () -> serving("app=web"),
            p -> p.size() == 6 && p.stream().anyMatch(pod -> pod.node().equals(target)));
    figure("drain uncordoned %s takes pods again in %s (%s)", target, since(back), spread(again));
  }

  private static List<PodView> serving(String selector) {
    return api(1).pods(NS, selector).stream().filter(PodView::serving).toList();
  }

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** A kubeconfig for {@code host}'s API with the bed's CA and admin token. */
  private static Path kubeconfig(Host host) throws IOException {
    String token = testbed.run(Duration.ofSeconds(10), "token").trim();
    String ca = testbed.run(Duration.ofSeconds(10), "ca").trim();
    Path file = Files.createTempFile("drain-", ".kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: bed
          cluster: {server: "%s", certificate-authority: "%s"}
        users:
        - name: admin
          user: {token: "%s"}
        contexts:
        - name: bed
          context: {cluster: bed, user: admin}
        current-context: bed
        """
            .formatted(host.api().toString().replaceAll("/$", ""), ca, token));
    return file;
  }

  private static Run kubectl(Path kubeconfig, String... args) throws Exception {
    Path cache = Files.createTempDirectory("drain-kubectl-cache");
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig=" + kubeconfig, "--cache-dir=" + cache));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("kubectl-", ".out");
    Path err = Files.createTempFile("kubectl-", ".err");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
    }
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
