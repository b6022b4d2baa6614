package dev.shoal.agent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.Eventually;
import dev.shoal.agent.runtime.docker.TestImages;
import dev.shoal.agent.smoke.LocalAgent.Run;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl logs} (1.32) against one agent: {@code --tail}, {@code -f} that keeps delivering,
 * {@code --since}, {@code --timestamps}, {@code --limit-bytes}, and {@code --previous} after the
 * container restarted.
 */
@Tag("docker")
class KubectlLogsTest {
  static LocalAgent local;
  static String NS;
  static final Duration WAIT = Duration.ofSeconds(120);

  @BeforeAll
  static void start() throws Exception {
    TestImages.ensure();
    local = LocalAgent.start("klogs");
    NS = local.namespace;
    Path pods = Files.createTempFile("pods", ".yaml");
    Files.writeString(
        pods,
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: talker, namespace: %1$s}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: %2$s
            command: ["sh", "-c", "trap 'exit 0' TERM; i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done"]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: crasher, namespace: %1$s}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: main
            image: %2$s
            command: ["sh", "-c", "echo started $(cat /proc/uptime); exit 3"]
        """
            .formatted(NS, TestImages.BUSYBOX));
    ok(local.kubectl("apply", "-f", pods.toString()));
    ok(local.kubectl("wait", "-n", NS, "--for=condition=Ready", "pod/talker", "--timeout=120s"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (local != null) {
      local.close();
    }
  }

  @Test
  void tailSinceTimestampsAndLimitBytes() throws Exception {
    Eventually.check(
        () -> ok(local.kubectl("logs", "-n", NS, "talker")).lines().count() >= 5,
        WAIT,
        "five lines logged");
    List<String> tail = ok(local.kubectl("logs", "-n", NS, "talker", "--tail=2")).lines().toList();
    assertEquals(2, tail.size(), tail.toString());
    assertTrue(tail.stream().allMatch(l -> l.matches("line \\d+")), tail.toString());
    String stamped = ok(local.kubectl("logs", "-n", NS, "talker", "--tail=1", "--timestamps"));
    assertTrue(stamped.matches("\\d{4}-\\d\\d-\\d\\dT\\S+ line \\d+\\n"), stamped);
    assertEquals("line ", ok(local.kubectl("logs", "-n", NS, "talker", "--limit-bytes=5")));
    // Lines come every 0.2 s: once there are more than 20, the last two seconds hold some, not all.
    long all =
        Eventually.poll(
            () -> ok(local.kubectl("logs", "-n", NS, "talker")).lines().count(),
            n -> n > 20,
            WAIT,
            Duration.ofMillis(500),
            "more than four seconds of lines");
    long recent = ok(local.kubectl("logs", "-n", NS, "talker", "--since=2s")).lines().count();
    assertTrue(recent > 0 && recent < all, recent + " of " + all);
  }

  @Test
  void followKeepsDelivering() throws Exception {
    Process p =
        new ProcessBuilder(local.kubectlCommand("logs", "-f", "-n", NS, "talker", "--tail=1"))
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int first = number(out.readLine());
      int later = first;
      for (int i = 0; i < 3; i++) {
        later = number(out.readLine());
      }
      assertTrue(later >= first + 3, first + " then " + later);
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void previousIsTheLogOfTheInstanceBeforeTheRestart() throws Exception {
    Eventually.check(
        () ->
            Integer.parseInt(
                    "0"
                        + ok(local.kubectl(
                                "get",
                                "-n",
                                NS,
                                "pod/crasher",
                                "-o",
                                "jsonpath={.status.containerStatuses[0].restartCount}"))
                            .trim())
                >= 1,
        WAIT,
        Duration.ofMillis(500),
        "crasher restarted");
    String previous = ok(local.kubectl("logs", "-n", NS, "crasher", "--previous"));
    assertTrue(previous.startsWith("started "), previous);
    Run current = local.kubectl("logs", "-n", NS, "crasher");
    if (current.code() == 0 && !current.out().isEmpty()) {
      assertTrue(!current.out().equals(previous), "two instances, two logs: " + previous);
    }
  }

  private static int number(String line) {
    assertTrue(line != null && line.matches("line \\d+"), "a log line: " + line);
    return Integer.parseInt(line.substring(5));
  }

  static String ok(Run run) {
    assertEquals(0, run.code(), run.toString());
    return run.out();
  }
}
