package dev.shoal.agent.runtime;

import io.vertx.core.Future;
import java.util.Comparator;
import java.util.Map;

/**
 * Finds the running engine container behind a pod's container on this node, for {@code kubectl
 * exec} and {@code attach}, and opens the session there. A pod whose container is not running here
 * fails NOT_FOUND naming this node; one that is not running (any more) fails CONFLICT, as upstream
 * refuses to exec into a stopped container with a 400.
 */
public final class ContainerSessions {
  private final ContainerRuntime runtime;
  private final String nodeName;

  public ContainerSessions(ContainerRuntime runtime, String nodeName) {
    this.runtime = runtime;
    this.nodeName = nodeName;
  }

  /** Starts {@code spec} in the container found by {@link #running}. */
  public Future<ExecSession> exec(String containerId, ExecSpec spec) {
    return runtime.openExec(containerId, spec);
  }

  /** Attaches to the container found by {@link #running}. */
  public Future<ExecSession> attach(String containerId, boolean stdin) {
    return runtime.attach(containerId, stdin);
  }

  /** The engine ID of the pod's container, running on this node. */
  public Future<String> running(String podUid, String podName, String container) {
    return runtime
        .list(Map.of(ShoalLabels.POD_UID, podUid, ShoalLabels.CONTAINER, container))
        .compose(
            found -> {
              ContainerSummary newest =
                  found.stream()
                      .max(Comparator.comparingInt(ContainerSessions::restartCount))
                      .orElse(null);
              if (newest == null) {
                return Future.failedFuture(
                    new RuntimeFailure(
                        RuntimeFailure.Kind.NOT_FOUND,
                        "container \""
                            + container
                            + "\" in pod \""
                            + podName
                            + "\" not found on node "
                            + nodeName));
              }
              if (!newest.running()) {
                return Future.failedFuture(
                    new RuntimeFailure(
                        RuntimeFailure.Kind.CONFLICT,
                        "container "
                            + container
                            + " of pod "
                            + podName
                            + " is not running; it cannot run a command"));
              }
              return Future.succeededFuture(newest.id());
            });
  }

  private static int restartCount(ContainerSummary c) {
    try {
      return Integer.parseInt(c.labels().getOrDefault(ShoalLabels.RESTART_COUNT, "0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
