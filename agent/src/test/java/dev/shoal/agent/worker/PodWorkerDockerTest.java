package dev.shoal.agent.worker;

import static dev.shoal.agent.worker.TestPods.emptyDir;
import static dev.shoal.agent.worker.TestPods.hostPath;
import static dev.shoal.agent.worker.TestPods.mount;
import static dev.shoal.agent.worker.TestPods.pod;
import static dev.shoal.agent.worker.TestPods.sh;
import static dev.shoal.agent.worker.WorkerFixture.condition;
import static dev.shoal.agent.worker.WorkerFixture.container;
import static dev.shoal.agent.worker.WorkerFixture.poll;
import static dev.shoal.agent.worker.WorkerFixture.waitingReason;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.runtime.ContainerLogs;
import dev.shoal.agent.runtime.ContainerSummary;
import dev.shoal.agent.runtime.LogOptions;
import dev.shoal.agent.runtime.LogText;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The pod worker against the real Docker engine. */
@Tag("docker")
@ExtendWith(VertxExtension.class)
class PodWorkerDockerTest {
  @TempDir Path dataDir;
  private WorkerFixture f;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    f = new WorkerFixture(vertx, dataDir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void containersOfAPodShareLocalhostAndAnEmptyDir() {
    Pod pod = pod("pair", f.host.nodeName(), "Always", 1, List.of());
    pod =
        pod.withSpec(
            pod.spec()
                .withContainers(
                    List.of(
                        mount(
                            sh(
                                "server",
                                "echo from-server > /shared/greeting; while true; do echo pong | nc -l -p 8080; done"),
                            "shared",
                            "/shared"),
                        mount(
                            sh(
                                "client",
                                "until [ -f /shared/greeting ]; do sleep 0.1; done; cat /shared/greeting; "
                                    + "until reply=$(nc 127.0.0.1 8080 </dev/null) && [ -n \"$reply\" ]; do sleep 0.2; done; "
                                    + "echo \"got $reply\"; exec sleep 3600"),
                            "shared",
                            "/shared")))
                .withVolumes(List.of(emptyDir("shared"))));
    Pod running = f.run(pod);

    PodStatus s =
        f.awaitStatus(
            running,
            "both containers ready",
            st ->
                "Running".equals(st.phase())
                    && condition(st, "Ready")
                    && condition(st, "ContainersReady"));
    assertNotNull(s.podIP(), "the sandbox's IP is the pod IP");
    assertEquals("192.0.2.10", s.hostIP());
    assertNotNull(s.startTime());
    assertTrue(condition(s, "PodScheduled") && condition(s, "Initialized"));
    assertTrue(container(s, "server").containerID().startsWith("docker://"));
    assertTrue(
        container(s, "server").imageID().startsWith("docker://sha256:"),
        container(s, "server").imageID());

    String logs =
        poll(
            () -> f.logs(running, "client"),
            l -> l.contains("got pong"),
            Duration.ofSeconds(20),
            "client to reach the server on localhost");
    assertTrue(
        logs.contains("from-server"), "client read the server's file from the emptyDir: " + logs);
    assertTrue(
        Files.isDirectory(
            dataDir.resolve("pods").resolve(running.metadata().uid()).resolve("volumes/shared")));
  }

  @Test
  void aCrashingContainerIsRestartedWithBackOff() {
    Pod pod =
        f.run(
            pod(
                "crasher",
                f.host.nodeName(),
                "Always",
                1,
                List.of(sh("app", "echo crashing; exit 3"))));

    PodStatus s =
        f.awaitStatus(
            pod,
            "three restarts",
            st -> container(st, "app") != null && container(st, "app").restartCount() >= 3);
    assertTrue(
        f.host.history.stream().anyMatch(h -> "CrashLoopBackOff".equals(waitingReason(h, "app"))),
        "CrashLoopBackOff was reported while backing off");
    assertTrue(
        f.host.history.stream()
            .filter(h -> "CrashLoopBackOff".equals(waitingReason(h, "app")))
            .noneMatch(h -> container(h, "app").ready() || condition(h, "Ready")),
        "never ready while backing off");
    var last =
        poll(
                () -> container(f.host.status(pod), "app").lastState(),
                l -> l != null && l.terminated() != null,
                Duration.ofSeconds(10),
                "a last state")
            .terminated();
    assertEquals(3, last.exitCode());
    assertEquals("Error", last.reason());
    assertEquals("Running", s.phase(), "restartPolicy Always keeps a crash-looping pod Running");
    assertTrue(
        f.containersOf(pod).size() <= 3, "old instances are removed: " + f.containersOf(pod));
    assertEquals("crashing\n", f.logs(pod, "app", 5, true), "logs of the crashed instance");
  }

  @Test
  void aDeletedPodIsStoppedGracefullyAndEverythingIsRemoved(@TempDir Path hostDir)
      throws Exception {
    Pod pod = pod("leaving", f.host.nodeName(), "Always", 30, List.of());
    pod =
        pod.withSpec(
            pod.spec()
                .withContainers(
                    List.of(
                        mount(
                            sh(
                                "polite",
                                "trap 'echo got-term > /host/term; exit 0' TERM; touch /host/up; "
                                    + "while true; do sleep 0.1; done"),
                            "host",
                            "/host"),
                        mount(
                            sh("stubborn", "trap '' TERM; while true; do sleep 0.1; done"),
                            "scratch",
                            "/scratch")))
                .withVolumes(List.of(hostPath("host", hostDir.toString()), emptyDir("scratch"))));
    Pod running = f.run(pod);
    f.awaitStatus(running, "running", st -> "Running".equals(st.phase()) && condition(st, "Ready"));
    poll(
        () -> Files.exists(hostDir.resolve("up")),
        b -> b,
        Duration.ofSeconds(10),
        "the trap to be set");
    Path volumes = dataDir.resolve("pods").resolve(running.metadata().uid());
    assertTrue(Files.isDirectory(volumes));

    long start = System.nanoTime();
    f.host.delete(running, 2);
    f.worker.podChanged("default", "leaving");
    poll(
        () -> f.host.finished.contains(running.metadata().uid()),
        b -> b,
        Duration.ofSeconds(30),
        "deletion");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(
        "got-term\n",
        Files.readString(hostDir.resolve("term")),
        "SIGTERM reached the container's trap");
    assertTrue(
        took.compareTo(Duration.ofSeconds(2)) >= 0,
        "the container ignoring SIGTERM was given its 2 s grace period, took " + took);
    assertEquals(List.of(), f.containersOf(running), "every container of the pod is removed");
    assertFalse(Files.exists(volumes), "the pod's emptyDir is removed");
  }

  @Test
  void aRestartedWorkerAdoptsRunningContainersAndRemovesThoseOfPodsNoLongerBound() {
    Pod kept = pod("kept", f.host.nodeName(), "Always", 1, List.of());
    kept =
        f.run(
            kept.withSpec(
                kept.spec()
                    .withContainers(
                        List.of(
                            mount(
                                    sh(
                                        "app",
                                        "[ -f /state/ran ] || { touch /state/ran; exit 1; }; exec sleep 3600"),
                                    "state",
                                    "/state")
                                .withReadinessProbe(TestPods.exec(1, 1, "true"))))
                    .withVolumes(List.of(emptyDir("state")))));
    Pod dropped =
        f.run(
            pod("dropped", f.host.nodeName(), "Always", 1, List.of(sh("app", "exec sleep 3600"))));
    f.awaitStatus(
        kept,
        "kept running after one restart",
        st -> condition(st, "Ready") && container(st, "app").restartCount() == 1);
    f.awaitStatus(dropped, "dropped running", st -> condition(st, "Ready"));
    Map<String, Boolean> before =
        f.containersOf(kept).stream()
            .collect(Collectors.toMap(ContainerSummary::id, ContainerSummary::running));
    assertEquals(3, before.size(), "sandbox, the failed first instance and the running one");

    f.host.forget(dropped);
    int written = f.host.history.size();
    f.restartWorker();

    poll(
        () -> f.containersOf(dropped),
        List::isEmpty,
        Duration.ofSeconds(30),
        "the unbound pod's containers to go");
    Pod keptPod = kept;
    f.awaitStatus(keptPod, "kept ready under the new worker", st -> condition(st, "Ready"));
    Map<String, Boolean> after =
        f.containersOf(keptPod).stream()
            .collect(Collectors.toMap(ContainerSummary::id, ContainerSummary::running));
    assertEquals(before, after, "same containers, in the same states");
    PodStatus s = f.host.status(keptPod);
    assertEquals(
        1, container(s, "app").restartCount(), "the restart count survives the worker restart");
    assertTrue(
        f.host.history.subList(written, f.host.history.size()).stream()
            .allMatch(h -> condition(h, "Ready")),
        "an adopted ready container stays ready until its probe says otherwise");
    assertEquals("Running", s.phase());
  }

  @Test
  void aMissingImageWaitsWithAClearReason() {
    Pod pod =
        pod(
            "imageless",
            f.host.nodeName(),
            "Always",
            1,
            List.of(
                sh("never", "true").withImage("shoal-test/absent:1").withImagePullPolicy("Never"),
                sh("ifnotpresent", "true")
                    .withImage("shoal-test/absent:1")
                    .withImagePullPolicy("IfNotPresent")));
    f.run(pod);
    PodStatus s =
        f.awaitStatus(
            pod,
            "image reasons",
            st ->
                "ErrImageNeverPull".equals(waitingReason(st, "never"))
                    && "ImagePullBackOff".equals(waitingReason(st, "ifnotpresent")));
    assertEquals("Pending", s.phase());
    assertTrue(container(s, "never").state().waiting().message().contains("shoal-test/absent:1"));
    assertFalse(condition(s, "Ready"));
  }

  @Test
  void initContainersRunInOrderBeforeAppContainers() {
    Pod pod = pod("initialized", f.host.nodeName(), "Always", 1, List.of());
    pod =
        pod.withSpec(
            pod.spec()
                .withInitContainers(
                    List.of(
                        mount(sh("first", "sleep 0.3; echo first >> /work/order"), "work", "/work"),
                        mount(sh("second", "echo second >> /work/order"), "work", "/work")))
                .withContainers(
                    List.of(
                        mount(
                            sh("app", "cat /work/order; echo app >> /work/order; exec sleep 3600"),
                            "work",
                            "/work")))
                .withVolumes(List.of(emptyDir("work"))));
    Pod running = f.run(pod);
    PodStatus s =
        f.awaitStatus(
            running, "running", st -> "Running".equals(st.phase()) && condition(st, "Ready"));
    assertTrue(condition(s, "Initialized"));
    assertEquals("Completed", container(s, "first").state().terminated().reason());
    assertEquals("Completed", container(s, "second").state().terminated().reason());
    String logs =
        poll(
            () -> f.logs(running, "app"),
            l -> l.contains("second"),
            Duration.ofSeconds(10),
            "app logs");
    assertEquals("first\nsecond\n", logs);
    assertTrue(
        f.host.history.stream().anyMatch(h -> "PodInitializing".equals(waitingReason(h, "app"))),
        "the app container waited with PodInitializing");
  }

  @Test
  void aFailingLivenessProbeRestartsTheContainer() {
    Pod pod =
        pod(
            "unhealthy",
            f.host.nodeName(),
            "Always",
            1,
            List.of(
                sh("app", "touch /healthy; sleep 2; rm /healthy; exec sleep 3600")
                    .withLivenessProbe(TestPods.exec(1, 1, "cat", "/healthy"))));
    f.run(pod);
    PodStatus s =
        f.awaitStatus(
            pod,
            "a liveness restart",
            st ->
                container(st, "app") != null
                    && container(st, "app").restartCount() >= 1
                    && container(st, "app").lastState() != null);
    var killed = container(s, "app").lastState().terminated();
    assertTrue(
        Duration.between(killed.startedAt(), killed.finishedAt()).toSeconds() >= 2,
        "the container lived while the probe passed: " + killed);
  }

  @Test
  void readinessFlipsTheReadyCondition() {
    Pod pod =
        pod(
            "flipper",
            f.host.nodeName(),
            "Always",
            1,
            List.of(
                sh("app", "sleep 1; touch /ready; sleep 5; rm /ready; exec sleep 3600")
                    .withReadinessProbe(TestPods.exec(1, 1, "cat", "/ready"))));
    f.run(pod);
    f.awaitStatus(
        pod,
        "running but not ready",
        st -> "Running".equals(st.phase()) && !condition(st, "Ready"));
    f.awaitStatus(pod, "ready", st -> condition(st, "Ready") && container(st, "app").ready());
    PodStatus s = f.awaitStatus(pod, "unready again", st -> !condition(st, "Ready"));
    assertFalse(container(s, "app").ready());
    assertEquals(0, container(s, "app").restartCount(), "readiness never restarts");
  }

  @Test
  void networkProbesReachThePodFromTheAgent() {
    var http =
        new dev.shoal.manifests.model.Probe(
            null,
            null,
            new dev.shoal.manifests.model.HTTPGetAction(
                "/", dev.shoal.manifests.model.IntOrString.of(8080), null, null),
            0,
            1,
            1,
            3,
            1);
    var tcp =
        new dev.shoal.manifests.model.Probe(
            null,
            new dev.shoal.manifests.model.TCPSocketAction(
                dev.shoal.manifests.model.IntOrString.of("web"), null),
            null,
            0,
            1,
            1,
            1,
            1);
    Pod pod =
        pod(
            "webby",
            f.host.nodeName(),
            "Always",
            1,
            List.of(
                sh(
                        "web",
                        "mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 8080 -h /www")
                    .withPorts(
                        List.of(
                            new dev.shoal.manifests.model.ContainerPort("web", 8080, null, "TCP")))
                    .withReadinessProbe(http)
                    .withLivenessProbe(tcp)));
    f.run(pod);
    PodStatus s = f.awaitStatus(pod, "ready through HTTP", st -> condition(st, "Ready"));
    assertEquals(0, container(s, "web").restartCount());
  }

  @Test
  void aSandboxThatCannotBeCreatedIsExplainedInTheStatus(Vertx vertx) {
    FakePodHost other = new FakePodHost(f.host.nodeName() + "-nonet");
    PodWorker worker =
        new PodWorker(vertx, f.runtime, other, f.config.withNetwork("shoal-no-such-network"));
    WorkerFixture.await(worker.start());
    try {
      Pod pod =
          pod("netless", other.nodeName(), "Always", 1, List.of(sh("app", "exec sleep 3600")));
      other.put(pod);
      worker.podChanged("default", "netless");
      PodStatus s =
          poll(
              () -> other.status(pod),
              st ->
                  st != null
                      && container(st, "app").state().waiting() != null
                      && container(st, "app").state().waiting().message() != null,
              Duration.ofSeconds(30),
              "a sandbox error");
      assertEquals("Pending", s.phase());
      assertTrue(
          container(s, "app").state().waiting().message().contains("shoal-no-such-network"),
          container(s, "app").state().waiting().message());
    } finally {
      WorkerFixture.await(worker.stop());
      for (ContainerSummary c :
          WorkerFixture.await(
              f.runtime.list(Map.of(dev.shoal.agent.runtime.ShoalLabels.NODE, other.nodeName())))) {
        WorkerFixture.await(f.runtime.remove(c.id()));
      }
    }
  }

  @Test
  void aContainerOverItsMemoryLimitIsOomKilledAndANeverPodFails() {
    var limits =
        new dev.shoal.manifests.model.ResourceRequirements(
            null, Map.of("memory", "16Mi", "cpu", "500m"));
    Pod pod =
        f.run(
            pod(
                "hog",
                f.host.nodeName(),
                "Never",
                1,
                List.of(
                    new dev.shoal.manifests.model.Container(
                        "hog",
                        dev.shoal.agent.runtime.docker.TestImages.BUSYBOX,
                        List.of("sh", "-c", "head -c 100000000 /dev/zero | tail"),
                        null,
                        null,
                        null,
                        null,
                        limits,
                        null,
                        null,
                        null,
                        null))));
    PodStatus s = f.awaitStatus(pod, "failed", st -> "Failed".equals(st.phase()));
    var terminated = container(s, "hog").state().terminated();
    assertEquals("OOMKilled", terminated.reason());
    assertEquals(137, terminated.exitCode());
    assertEquals(0, container(s, "hog").restartCount());
    poll(
        () -> f.containersOf(pod).stream().noneMatch(ContainerSummary::running),
        b -> b,
        Duration.ofSeconds(20),
        "the finished pod's sandbox to stop");
  }

  @Test
  void podsResolveThroughTheClusterDns(Vertx vertx) {
    FakePodHost other = new FakePodHost(f.host.nodeName() + "-dns");
    PodWorker worker =
        new PodWorker(
            vertx, f.runtime, other, f.config.withClusterDns("198.19.0.10", "cluster.local"));
    WorkerFixture.await(worker.start());
    try {
      Pod pod =
          pod(
              "resolver",
              other.nodeName(),
              "Always",
              1,
              List.of(sh("app", "cat /etc/resolv.conf; exec sleep 3600")));
      other.put(pod);
      worker.podChanged("default", "resolver");
      String conf =
          poll(
              () -> {
                try {
                  return WorkerFixture.await(
                      LogText.collect(
                          vertx,
                          new ContainerLogs(f.runtime, other.nodeName())
                              .open(
                                  pod.metadata().uid(),
                                  pod.metadata().name(),
                                  "app",
                                  false,
                                  LogOptions.tail(null)),
                          Duration.ofSeconds(20)));
                } catch (RuntimeException notYet) {
                  return "";
                }
              },
              l -> l.contains("nameserver"),
              Duration.ofSeconds(30),
              "the app's resolv.conf");
      assertTrue(conf.contains("nameserver 198.19.0.10"), conf);
      assertTrue(
          conf.contains("search default.svc.cluster.local svc.cluster.local cluster.local"), conf);
      assertTrue(conf.contains("ndots:5"), conf);
    } finally {
      WorkerFixture.await(worker.stop());
      for (ContainerSummary c :
          WorkerFixture.await(
              f.runtime.list(Map.of(dev.shoal.agent.runtime.ShoalLabels.NODE, other.nodeName())))) {
        WorkerFixture.await(f.runtime.remove(c.id()));
      }
    }
  }
}
