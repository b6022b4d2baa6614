package dev.shoal.agent.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.ContainerInfo;
import dev.shoal.agent.runtime.ContainerInfo.Status;
import dev.shoal.agent.runtime.ShoalLabels;
import dev.shoal.agent.worker.PodAction.CreateSandbox;
import dev.shoal.agent.worker.PodAction.RemoveContainer;
import dev.shoal.agent.worker.PodAction.StartContainer;
import dev.shoal.agent.worker.PodAction.StopContainer;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerStateWaiting;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure sync decisions, on hand-made engine states. */
class PodPlannerTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private final WorkerConfig config = WorkerConfig.defaults(Path.of("/var/lib/shoal"), "192.0.2.1");
  private final PodPlanner planner =
      new PodPlanner(
          config,
          new PodContainers("node-a", config, new PodVolumes(Path.of("/var/lib/shoal"), null)));
  private final Container app = Container.of("app", "img:1");
  private final Container init = Container.of("setup", "img:1");

  private Pod pod(String policy, List<Container> inits, List<Container> apps) {
    Pod p = TestPods.pod("web", "node-a", policy, 5, apps);
    return p.withSpec(p.spec().withInitContainers(inits.isEmpty() ? null : inits));
  }

  private static ContainerInfo sandbox(String id, boolean running, int attempt) {
    return new ContainerInfo(
        id,
        "sb",
        "shoal/pause:1",
        "sha256:0",
        running ? Status.RUNNING : Status.EXITED,
        0,
        NOW.minusSeconds(60),
        NOW.minusSeconds(60),
        running ? null : NOW.minusSeconds(1),
        1,
        false,
        null,
        running ? "172.17.0.5" : null,
        Map.of(
            ShoalLabels.CONTAINER,
            ShoalLabels.SANDBOX,
            ShoalLabels.RESTART_COUNT,
            Integer.toString(attempt)));
  }

  private static ContainerInfo running(String id, Container c, String sandboxId, int restarts) {
    return info(id, c, sandboxId, restarts, Status.RUNNING, 0, null);
  }

  private static ContainerInfo exited(
      String id, Container c, String sandboxId, int restarts, int code, Instant at) {
    return info(id, c, sandboxId, restarts, Status.EXITED, code, at);
  }

  private static ContainerInfo info(
      String id,
      Container c,
      String sandboxId,
      int restarts,
      Status status,
      int code,
      Instant finished) {
    Map<String, String> labels = new HashMap<>();
    labels.put(ShoalLabels.CONTAINER, c.name());
    labels.put(ShoalLabels.RESTART_COUNT, Integer.toString(restarts));
    labels.put(ShoalLabels.SANDBOX_ID, sandboxId);
    labels.put(ShoalLabels.CONTAINER_HASH, PodContainers.hash(c));
    Instant started = finished == null ? NOW.minusSeconds(30) : finished.minusSeconds(1);
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

  private PodPlan plan(Pod pod, ContainerInfo... containers) {
    return planner.plan(pod, ObservedPod.of(List.of(containers)), ProbeResults.NONE, Map.of(), NOW);
  }

  @Test
  void aNewPodGetsASandboxFirst() {
    PodPlan p = plan(pod("Always", List.of(), List.of(app)));
    assertEquals(1, p.actions().size());
    CreateSandbox c = assertInstanceOf(CreateSandbox.class, p.actions().get(0));
    assertTrue(
        c.spec().name().startsWith("shoal_POD_web_default_") && c.spec().name().endsWith("_0"),
        c.spec().name());
    assertEquals("web", c.spec().hostname());
    assertEquals("0", c.spec().labels().get(ShoalLabels.RESTART_COUNT));
    assertEquals("Pending", p.status().phase());
    assertEquals("ContainerCreating", WorkerFixture.waitingReason(p.status(), "app"));
  }

  @Test
  void initContainersRunOneAtATimeBeforeApps() {
    Container second = Container.of("second", "img:1");
    Pod pod = pod("Always", List.of(init, second), List.of(app));
    PodPlan p = plan(pod, sandbox("s1", true, 0));
    StartContainer start = assertInstanceOf(StartContainer.class, p.actions().get(0));
    assertEquals(1, p.actions().size());
    assertEquals("setup", start.container().name());
    assertEquals("init", start.spec().labels().get(ShoalLabels.CONTAINER_KIND));
    assertEquals("PodInitializing", WorkerFixture.waitingReason(p.status(), "app"));

    p = plan(pod, sandbox("s1", true, 0), exited("i1", init, "s1", 0, 0, NOW.minusSeconds(1)));
    assertEquals("second", ((StartContainer) p.actions().get(0)).container().name());
    assertEquals(1, p.actions().size());

    p =
        plan(
            pod,
            sandbox("s1", true, 0),
            exited("i1", init, "s1", 0, 0, NOW.minusSeconds(2)),
            exited("i2", second, "s1", 0, 0, NOW.minusSeconds(1)));
    assertEquals("app", ((StartContainer) p.actions().get(0)).container().name());
    assertTrue(WorkerFixture.condition(p.status(), "Initialized"));
  }

  @Test
  void aFailedInitContainerFailsANeverPodAndBacksOffOtherwise() {
    PodPlan never =
        plan(
            pod("Never", List.of(init), List.of(app)),
            sandbox("s1", true, 0),
            exited("i1", init, "s1", 0, 1, NOW.minusSeconds(1)));
    assertEquals("Failed", never.status().phase());
    assertInstanceOf(
        StopContainer.class, never.actions().get(0), "the sandbox of a finished pod is stopped");

    PodPlan always =
        plan(
            pod("Always", List.of(init), List.of(app)),
            sandbox("s1", true, 0),
            exited("i1", init, "s1", 0, 1, NOW.minusSeconds(1)));
    assertEquals("Pending", always.status().phase());
    assertEquals("CrashLoopBackOff", WorkerFixture.waitingReason(always.status(), "setup"));
  }

  @Test
  void aCrashedContainerWaitsForItsDoublingBackOffThenRestarts() {
    Pod pod = pod("Always", List.of(), List.of(app));
    ContainerInfo crashed = exited("c2", app, "s1", 2, 1, NOW.minusSeconds(30));
    PodPlan waiting =
        plan(
            pod,
            sandbox("s1", true, 0),
            crashed,
            exited("c1", app, "s1", 1, 1, NOW.minusSeconds(60)));
    assertEquals(List.of(), waiting.actions());
    assertEquals(NOW.plusSeconds(10), waiting.wakeAt(), "third restart waits 40 s from the crash");
    assertEquals("CrashLoopBackOff", WorkerFixture.waitingReason(waiting.status(), "app"));
    assertEquals("Running", waiting.status().phase());
    assertEquals(2, WorkerFixture.container(waiting.status(), "app").restartCount());
    assertEquals(
        1, WorkerFixture.container(waiting.status(), "app").lastState().terminated().exitCode());

    ContainerInfo older = exited("c1", app, "s1", 1, 1, NOW.minusSeconds(90));
    ContainerInfo oldest = exited("c0", app, "s1", 0, 1, NOW.minusSeconds(120));
    PodPlan restart =
        plan(
            pod,
            sandbox("s1", true, 0),
            exited("c2", app, "s1", 2, 1, NOW.minusSeconds(41)),
            older,
            oldest);
    StartContainer s = assertInstanceOf(StartContainer.class, restart.actions().get(0));
    assertEquals("3", s.spec().labels().get(ShoalLabels.RESTART_COUNT));
    assertEquals(List.of("c1", "c0"), s.obsolete(), "the newest dead instance stays as lastState");
    assertNull(restart.wakeAt());
  }

  @Test
  void backOffDoublesFromTheBaseUpToTheCap() {
    assertEquals(Duration.ofSeconds(10), config.backoff(0));
    assertEquals(Duration.ofSeconds(20), config.backoff(1));
    assertEquals(Duration.ofSeconds(160), config.backoff(4));
    assertEquals(Duration.ofMinutes(5), config.backoff(5));
    assertEquals(Duration.ofMinutes(5), config.backoff(1000));
    WorkerConfig fast = config.withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    assertEquals(Duration.ofMillis(800), fast.backoff(2));
    assertEquals(Duration.ofSeconds(1), fast.backoff(3));
  }

  @Test
  void restartPoliciesDecidePhases() {
    ContainerInfo ok = exited("c1", app, "s1", 0, 0, NOW.minusSeconds(1));
    ContainerInfo bad = exited("c1", app, "s1", 0, 2, NOW.minusSeconds(1));
    assertEquals(
        "Succeeded",
        plan(pod("OnFailure", List.of(), List.of(app)), sandbox("s1", true, 0), ok)
            .status()
            .phase());
    assertEquals(
        "Running",
        plan(pod("OnFailure", List.of(), List.of(app)), sandbox("s1", true, 0), bad)
            .status()
            .phase());
    assertEquals(
        "Failed",
        plan(pod("Never", List.of(), List.of(app)), sandbox("s1", true, 0), bad).status().phase());
    assertEquals(
        "Running",
        plan(pod("Always", List.of(), List.of(app)), sandbox("s1", true, 0), ok).status().phase());
    PodPlan done = plan(pod("Never", List.of(), List.of(app)), sandbox("s1", false, 0), ok);
    assertEquals(
        List.of(), done.actions(), "a finished pod whose sandbox stopped gets no new sandbox");
    assertEquals(
        "Completed", WorkerFixture.container(done.status(), "app").state().terminated().reason());
  }

  @Test
  void aDeadSandboxIsReplacedAndItsContainersStopped() {
    Pod pod = pod("Always", List.of(), List.of(app));
    PodPlan p = plan(pod, sandbox("s1", false, 0), running("c1", app, "s1", 0));
    assertInstanceOf(StopContainer.class, p.actions().get(0));
    assertEquals("s1", assertInstanceOf(RemoveContainer.class, p.actions().get(1)).containerId());
    CreateSandbox c = assertInstanceOf(CreateSandbox.class, p.actions().get(2));
    assertEquals("1", c.spec().labels().get(ShoalLabels.RESTART_COUNT));

    PodPlan stray = plan(pod, sandbox("s2", true, 1), running("c1", app, "s1", 0));
    assertEquals(
        "c1",
        assertInstanceOf(StopContainer.class, stray.actions().get(0)).containerId(),
        "a container of the replaced sandbox is stopped");
  }

  @Test
  void livenessFailureAndSpecChangeStopTheContainer() {
    Container probed = app.withLivenessProbe(TestPods.exec(1, 1, "true"));
    Pod pod = pod("Always", List.of(), List.of(probed));
    ProbeResults dead =
        new ProbeResults() {
          @Override
          public boolean livenessFailed(String containerId) {
            return true;
          }

          @Override
          public boolean ready(String containerId) {
            return false;
          }
        };
    PodPlan p =
        planner.plan(
            pod,
            ObservedPod.of(List.of(sandbox("s1", true, 0), running("c1", probed, "s1", 0))),
            dead,
            Map.of(),
            NOW);
    assertTrue(
        assertInstanceOf(StopContainer.class, p.actions().get(0)).why().contains("liveness"));

    Pod changed = pod("Never", List.of(), List.of(app.withImage("img:2")));
    PodPlan q = plan(changed, sandbox("s1", true, 0), running("c1", app, "s1", 0));
    assertTrue(
        assertInstanceOf(StopContainer.class, q.actions().get(0)).why().contains("spec changed"));
    PodPlan r =
        plan(changed, sandbox("s1", true, 0), exited("c1", app, "s1", 0, 137, NOW.minusSeconds(1)));
    StartContainer s =
        assertInstanceOf(
            StartContainer.class,
            r.actions().get(0),
            "recreated with the new image at once, even under restartPolicy Never");
    assertEquals("img:2", s.spec().image());
  }

  @Test
  void aStartProblemShowsAsTheWaitingReason() {
    Pod pod = pod("Always", List.of(), List.of(app));
    PodPlan p =
        planner.plan(
            pod,
            ObservedPod.of(List.of(sandbox("s1", true, 0))),
            ProbeResults.NONE,
            Map.of("app", new ContainerStateWaiting("ErrImageNeverPull", "no image")),
            NOW);
    assertEquals("ErrImageNeverPull", WorkerFixture.waitingReason(p.status(), "app"));
    assertInstanceOf(StartContainer.class, p.actions().get(0), "it is tried again");
  }

  @Test
  void readinessAndConditionTimesAreKeptWhileUnchanged() {
    Container probed = app.withReadinessProbe(TestPods.exec(1, 1, "true"));
    Pod pod = pod("Always", List.of(), List.of(probed));
    ContainerInfo sb = sandbox("s1", true, 0);
    ContainerInfo c = running("c1", probed, "s1", 0);
    PodStatus first = plan(pod, sb, c).status();
    assertTrue(!WorkerFixture.condition(first, "Ready"), "not ready before the probe passes");
    assertEquals("172.17.0.5", first.podIP());

    ProbeResults ready =
        new ProbeResults() {
          @Override
          public boolean livenessFailed(String containerId) {
            return false;
          }

          @Override
          public boolean ready(String containerId) {
            return true;
          }
        };
    Pod seen = pod.withStatus(first);
    PodStatus later =
        planner
            .plan(seen, ObservedPod.of(List.of(sb, c)), ready, Map.of(), NOW.plusSeconds(30))
            .status();
    assertTrue(WorkerFixture.condition(later, "Ready"));
    assertEquals(time(first, "PodScheduled"), time(later, "PodScheduled"));
    assertEquals(NOW.plusSeconds(30), time(later, "Ready"));
    assertEquals(first.startTime(), later.startTime());
    PodStatus again =
        planner
            .plan(
                pod.withStatus(later),
                ObservedPod.of(List.of(sb, c)),
                ready,
                Map.of(),
                NOW.plusSeconds(60))
            .status();
    assertEquals(later, again, "an unchanged pod yields an equal status (no write)");
  }

  @Test
  void aPodThatReportedItsEndNeverRunsAgain() {
    Pod done = pod("OnFailure", List.of(), List.of(app)).withStatus(PodStatus.phase("Succeeded"));
    PodPlan p = plan(done);
    assertEquals(List.of(), p.actions(), "no new sandbox even though its containers are gone");
    assertEquals(done.status(), p.status());
    PodPlan q = plan(done, sandbox("s1", true, 0));
    assertEquals("s1", assertInstanceOf(StopContainer.class, q.actions().get(0)).containerId());
  }

  private static Instant time(PodStatus s, String type) {
    List<PodCondition> l = new ArrayList<>(s.conditions());
    return l.stream()
        .filter(c -> c.type().equals(type))
        .findFirst()
        .orElseThrow()
        .lastTransitionTime();
  }
}
