package dev.shoal.agent.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ContainerInfo.Status;
import dev.shoal.agent.runtime.ShoalLabels;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerStatus;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Probe failures keep their reason: kubelet's wording, the verdict's thresholds, and the pod status
 * showing why.
 */
class ProbeReasonsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void failuresAreWordedAsKubeletWordsThem() {
    assertEquals("HTTP probe failed with statuscode: 503", ProbeFailures.statusCode(503));
    assertEquals(
        "dial tcp 198.18.0.4:80: connect: connection refused",
        ProbeFailures.dial(
            "198.18.0.4",
            80,
            new RuntimeException(new ConnectException("Connection refused: /198.18.0.4:80"))));
    assertEquals(
        "dial tcp 198.18.0.4:80: i/o timeout",
        ProbeFailures.dial("198.18.0.4", 80, new TimeoutException("Timeout 1000 (ms) fired")));
    assertEquals(
        "Get \"http://198.18.0.4:8080/healthz\": context deadline exceeded (Client.Timeout exceeded while "
            + "awaiting headers)",
        ProbeFailures.get(
            "http://198.18.0.4:8080/healthz",
            "198.18.0.4",
            8080,
            new TimeoutException("The timeout period of 1000ms has been exceeded")));
    assertEquals(
        "Get \"http://198.18.0.4:8080/\": dial tcp 198.18.0.4:8080: connect: connection refused",
        ProbeFailures.get(
            "http://198.18.0.4:8080/",
            "198.18.0.4",
            8080,
            new ConnectException("Connection refused: /198.18.0.4:8080")));
    assertEquals(
        "command failed with exit code 1: cat: can't open '/ready': No such file or directory",
        ProbeFailures.exitCode(1, "cat: can't open '/ready': No such file or directory\n"));
    assertEquals("command failed with exit code 2", ProbeFailures.exitCode(2, ""));
    assertEquals(
        "command \"sleep 5\" timed out", ProbeFailures.commandTimedOut(List.of("sleep", "5")));
  }

  @Test
  void everyFailureIsToldAndTheVerdictFlipsAtTheThreshold() {
    List<String> told = new ArrayList<>();
    int[] changes = {0};
    ProbeWorker liveness =
        new ProbeWorker(
            null, TestPods.exec(1, 3, "true"), null, true, () -> changes[0]++, told::add);
    liveness.record(ProbeCheck.Result.failed("HTTP probe failed with statuscode: 500"));
    liveness.record(ProbeCheck.Result.failed("HTTP probe failed with statuscode: 500"));
    assertTrue(liveness.passing(), "two failures of three");
    assertNull(liveness.failure(), "a passing probe shows no reason");
    liveness.record(ProbeCheck.Result.failed("HTTP probe failed with statuscode: 500"));
    assertFalse(liveness.passing());
    assertEquals(1, changes[0]);
    assertEquals("HTTP probe failed with statuscode: 500", liveness.failure());
    assertEquals(3, told.size(), "each failed attempt is an event (the recorder folds them)");

    ProbeWorker readiness =
        new ProbeWorker(
            null, TestPods.exec(1, 3, "true"), null, false, () -> changes[0]++, told::add);
    readiness.record(
        ProbeCheck.Result.failed("dial tcp 198.18.0.4:80: connect: connection refused"));
    assertEquals(2, changes[0], "a new reason is a change the status must show");
    readiness.record(
        ProbeCheck.Result.failed("dial tcp 198.18.0.4:80: connect: connection refused"));
    assertEquals(2, changes[0], "the same reason again is not");
    readiness.record(ProbeCheck.Result.OK);
    assertTrue(readiness.passing());
    assertNull(readiness.failure());
    assertEquals(3, changes[0]);
  }

  @Test
  void theReadyConditionSaysWhyTheProbeFails() {
    Container app = Container.of("web", "img:1").withReadinessProbe(TestPods.exec(1, 1, "true"));
    Pod pod = TestPods.pod("shop", "node-a", "Always", 5, List.of(app));
    ProbeResults failing =
        new ProbeResults() {
          @Override
          public boolean livenessFailed(String containerId) {
            return false;
          }

          @Override
          public boolean ready(String containerId) {
            return false;
          }

          @Override
          public String readinessFailure(String containerId) {
            return "w1".equals(containerId) ? "HTTP probe failed with statuscode: 503" : null;
          }
        };
    PodStatus s =
        plan(pod, failing, sandbox(), info("w1", app, 0, Status.RUNNING, 0, null)).status();
    String expected =
        "containers with unready status: [web]; web: Readiness probe failed: "
            + "HTTP probe failed with statuscode: 503";
    assertEquals(expected, condition(s, "Ready").message());
    assertEquals(expected, condition(s, "ContainersReady").message());
    assertEquals("ContainersNotReady", condition(s, "Ready").reason());
  }

  @Test
  void aContainerKilledForItsLivenessProbeSaysSoInItsLastState() {
    Container app = Container.of("web", "img:1").withLivenessProbe(TestPods.exec(1, 1, "true"));
    Pod pod = TestPods.pod("shop", "node-a", "Always", 5, List.of(app));
    ProbeResults killed =
        new ProbeResults() {
          @Override
          public boolean livenessFailed(String containerId) {
            return false;
          }

          @Override
          public boolean ready(String containerId) {
            return true;
          }

          @Override
          public String killReason(String containerId) {
            return "w1".equals(containerId)
                ? "Container web failed liveness probe, will be restarted"
                : null;
          }
        };
    PodStatus s =
        plan(
                pod,
                killed,
                sandbox(),
                info("w1", app, 0, Status.EXITED, 137, NOW.minusSeconds(5)),
                info("w2", app, 1, Status.RUNNING, 0, null))
            .status();
    ContainerStatus web = s.containerStatuses().get(0);
    assertEquals(1, web.restartCount());
    assertEquals(137, web.lastState().terminated().exitCode());
    assertEquals("Error", web.lastState().terminated().reason());
    assertEquals(
        "Container web failed liveness probe, will be restarted",
        web.lastState().terminated().message());
  }

  private static PodCondition condition(PodStatus s, String type) {
    return s.conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElseThrow();
  }

  private static PodPlan plan(Pod pod, ProbeResults probes, ContainerInfo... containers) {
    WorkerConfig config = WorkerConfig.defaults(Path.of("/var/lib/shoal"), "192.0.2.1");
    PodPlanner planner =
        new PodPlanner(
            config,
            new PodContainers("node-a", config, new PodVolumes(Path.of("/var/lib/shoal"), null)));
    return planner.plan(pod, ObservedPod.of(List.of(containers)), probes, Map.of(), NOW);
  }

  private static ContainerInfo sandbox() {
    return new ContainerInfo(
        "s1",
        "sb",
        "shoal/pause:1",
        "sha256:0",
        Status.RUNNING,
        0,
        NOW.minusSeconds(60),
        NOW.minusSeconds(60),
        null,
        1,
        false,
        null,
        "172.17.0.5",
        Map.of(ShoalLabels.CONTAINER, ShoalLabels.SANDBOX, ShoalLabels.RESTART_COUNT, "0"));
  }

  private static ContainerInfo info(
      String id, Container c, int restarts, Status status, int code, Instant finished) {
    Map<String, String> labels = new HashMap<>();
    labels.put(ShoalLabels.CONTAINER, c.name());
    labels.put(ShoalLabels.RESTART_COUNT, Integer.toString(restarts));
    labels.put(ShoalLabels.SANDBOX_ID, "s1");
    labels.put(ShoalLabels.CONTAINER_HASH, PodContainers.hash(c));
    Instant started = finished == null ? NOW.minusSeconds(30) : finished.minusSeconds(10);
    return new ContainerInfo(
        id,
        c.name(),
        c.image(),
        "sha256:1",
        status,
        code,
        started.minusMillis(100),
        started,
        finished,
        2,
        false,
        null,
        null,
        labels);
  }
}
