package dev.shoal.agent.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.ContainerState;
import dev.shoal.manifests.model.ContainerStateRunning;
import dev.shoal.manifests.model.ContainerStateTerminated;
import dev.shoal.manifests.model.ContainerStateWaiting;
import dev.shoal.manifests.model.ContainerStatus;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pod's READY, STATUS and RESTARTS cells for the states upstream's printer tests cover (the
 * expected rows are those of kubernetes' {@code TestPrintPod} family).
 */
class PodStatusTextTest {

  static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  static final Instant CREATED = NOW.minusSeconds(600);

  static Stream<Arguments> pods() {
    return Stream.of(
        Arguments.of(
            "pending, nothing started",
            pod(2, 0, "Pending", null, List.of(), List.of(), false),
            "0/2 Pending 0"),
        Arguments.of(
            "running, one of two ready",
            pod(
                2,
                0,
                "Running",
                null,
                List.of(),
                List.of(running("a", true, 3), running("b", false, 0)),
                false),
            "1/2 Running 3"),
        Arguments.of(
            "the last container waiting in CrashLoopBackOff, restarted 2m ago",
            pod(
                1,
                0,
                "Running",
                null,
                List.of(),
                List.of(
                    new ContainerStatus(
                        "a",
                        false,
                        4,
                        "img",
                        null,
                        null,
                        false,
                        new ContainerState(
                            new ContainerStateWaiting("CrashLoopBackOff", "back-off"), null, null),
                        new ContainerState(
                            null,
                            null,
                            new ContainerStateTerminated(
                                1, null, "Error", null, null, NOW.minusSeconds(120), null)))),
                false),
            "0/1 CrashLoopBackOff 4 (2m ago)"),
        Arguments.of(
            "succeeded: Completed",
            pod(
                1,
                0,
                "Succeeded",
                null,
                List.of(),
                List.of(terminated("a", 0, "Completed")),
                false),
            "0/1 Completed 0"),
        Arguments.of(
            "exited without a reason: ExitCode",
            pod(1, 0, "Failed", null, List.of(), List.of(terminated("a", 3, null)), false),
            "0/1 ExitCode:3 0"),
        Arguments.of(
            "killed by a signal",
            pod(
                1,
                0,
                "Failed",
                null,
                List.of(),
                List.of(
                    new ContainerStatus(
                        "a",
                        false,
                        0,
                        null,
                        null,
                        null,
                        false,
                        new ContainerState(
                            null,
                            null,
                            new ContainerStateTerminated(137, 9, null, null, null, null, null)),
                        null)),
                false),
            "0/1 Signal:9 0"),
        Arguments.of(
            "one container completed, another still running and ready",
            pod(
                2,
                0,
                "Running",
                null,
                List.of(),
                List.of(running("a", true, 0), terminated("b", 0, "Completed")),
                true),
            "1/2 Running 0"),
        Arguments.of(
            "one container completed, another running, pod not ready",
            pod(
                2,
                0,
                "Running",
                null,
                List.of(),
                List.of(running("a", true, 0), terminated("b", 0, "Completed")),
                false),
            "1/2 NotReady 0"),
        Arguments.of(
            "the first of one init container running",
            pod(1, 1, "Pending", null, List.of(running("init", false, 0)), List.of(), false),
            "0/1 Init:0/1 0"),
        Arguments.of(
            "the second of two init containers running",
            pod(
                1,
                2,
                "Pending",
                null,
                List.of(terminated("i1", 0, "Completed"), running("i2", false, 0)),
                List.of(),
                false),
            "0/1 Init:1/2 0"),
        Arguments.of(
            "an init container in CrashLoopBackOff",
            pod(
                1,
                1,
                "Pending",
                null,
                List.of(
                    new ContainerStatus(
                        "init",
                        false,
                        2,
                        null,
                        null,
                        null,
                        false,
                        new ContainerState(
                            new ContainerStateWaiting("CrashLoopBackOff", null), null, null),
                        null)),
                List.of(),
                false),
            "0/1 Init:CrashLoopBackOff 2"),
        Arguments.of(
            "an init container that failed",
            pod(1, 1, "Pending", null, List.of(terminated("init", 1, "Error")), List.of(), false),
            "0/1 Init:Error 0"),
        Arguments.of(
            "an init container that failed without a reason",
            pod(1, 1, "Pending", null, List.of(terminated("init", 2, null)), List.of(), false),
            "0/1 Init:ExitCode:2 0"),
        Arguments.of(
            "the pod's reason wins over its phase",
            pod(1, 0, "Failed", "Evicted", List.of(), List.of(), false),
            "0/1 Evicted 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void readyStatusRestarts(String name, Pod pod, String expected) {
    PodStatusText text = PodStatusText.of(pod);
    assertEquals(
        expected,
        text.ready() + "/" + text.total() + " " + text.reason() + " " + text.restartsText(NOW));
  }

  @org.junit.jupiter.api.Test
  void deletedPodsAreTerminatingUnlessFinishedOrTheirNodeIsLost() {
    Pod running = pod(1, 0, "Running", null, List.of(), List.of(running("a", true, 0)), true);
    Pod deleted = running.withMetadata(running.metadata().withDeletion(NOW.plusSeconds(30), 30L));
    assertEquals("Terminating", PodStatusText.of(deleted).reason());
    Pod done =
        pod(1, 0, "Succeeded", null, List.of(), List.of(terminated("a", 0, "Completed")), false);
    assertEquals(
        "Completed",
        PodStatusText.of(done.withMetadata(done.metadata().withDeletion(NOW, 0L))).reason());
    Pod lost = deleted.withStatus(deleted.status().withReason("NodeLost", "node lost"));
    assertEquals("Unknown", PodStatusText.of(lost).reason());
  }

  static Pod pod(
      int containers,
      int inits,
      String phase,
      String reason,
      List<ContainerStatus> initStatuses,
      List<ContainerStatus> statuses,
      boolean ready) {
    List<Container> specs =
        java.util.stream.IntStream.range(0, containers)
            .mapToObj(i -> Container.of("c" + i, "img"))
            .toList();
    List<Container> initSpecs =
        java.util.stream.IntStream.range(0, inits)
            .mapToObj(i -> Container.of("i" + i, "img"))
            .toList();
    PodSpec spec = PodSpec.of(specs).withInitContainers(initSpecs);
    List<PodCondition> conditions =
        List.of(
            new PodCondition("Initialized", inits == 0 ? "True" : "False", null, null, null, null),
            new PodCondition("Ready", ready ? "True" : "False", null, null, null, null));
    PodStatus status =
        new PodStatus(phase, conditions, null, reason, null, null, null, initStatuses, statuses);
    ObjectMeta meta =
        new ObjectMeta(
            "p", null, "ns", null, null, null, null, null, CREATED, null, null, null, null);
    return new Pod(meta, spec, status);
  }

  static ContainerStatus running(String name, boolean ready, int restarts) {
    return new ContainerStatus(
        name,
        ready,
        restarts,
        "img",
        null,
        null,
        true,
        new ContainerState(null, new ContainerStateRunning(CREATED), null),
        null);
  }

  static ContainerStatus terminated(String name, int exitCode, String reason) {
    return new ContainerStatus(
        name,
        false,
        0,
        "img",
        null,
        null,
        false,
        new ContainerState(
            null,
            null,
            new ContainerStateTerminated(exitCode, null, reason, null, null, NOW, null)),
        null);
  }
}
