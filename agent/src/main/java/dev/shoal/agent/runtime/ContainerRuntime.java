package dev.shoal.agent.runtime;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A container engine as the pod worker sees it. Every call returns a Vert.x {@link Future} and
 * never blocks the caller; failures carry a {@link RuntimeFailure} that says whether to retry.
 */
public interface ContainerRuntime {

  /**
   * Makes sure the sandbox ("pause") image exists, building it locally when needed; yields its
   * name.
   */
  Future<String> ensureSandboxImage();

  /** Whether the image is present in the engine (no registry is ever asked). */
  Future<Boolean> imagePresent(String image);

  /**
   * Creates and starts a pod's sandbox, which holds the pod's network and IPC namespaces. Yields
   * its ID.
   */
  Future<String> runSandbox(SandboxSpec spec);

  /**
   * Creates and starts a container that joins the sandbox's network and IPC namespaces. Yields its
   * ID. Fails with {@link RuntimeFailure.Kind#IMAGE_NOT_PRESENT} when the image is missing, and
   * with {@link RuntimeFailure.Kind#START_FAILED} (the container then exists, not running) when the
   * engine created it but could not start it.
   */
  Future<String> runContainer(ContainerSpec spec);

  /**
   * Sends SIGTERM, waits up to {@code grace}, then SIGKILL. Succeeds if the container is already
   * stopped or gone.
   */
  Future<Void> stop(String containerId, Duration grace);

  /** Removes a container (killing it if it still runs). Succeeds if it is already gone. */
  Future<Void> remove(String containerId);

  /**
   * The container's state; fails with {@link RuntimeFailure.Kind#NOT_FOUND} when it does not exist.
   */
  Future<ContainerInfo> inspect(String containerId);

  /**
   * Every container (running or not) carrying all the given labels; an empty map lists all Shoal
   * containers.
   */
  Future<List<ContainerSummary>> list(Map<String, String> labels);

  /** Runs a command inside a running container; yields its exit code and combined output. */
  Future<ExecResult> exec(String containerId, List<String> command, Duration timeout);

  /**
   * The container's stdout and stderr, interleaved; the last {@code tailLines} lines, or all when
   * null. Fails (TEMPORARY) when the read breaks off or takes longer than the call timeout, rather
   * than yield part of it.
   */
  Future<String> logs(String containerId, Integer tailLines);

  /**
   * The container's log as a stream, followed if asked. The future completes once the engine has
   * started answering (NOT_FOUND for a container that does not exist); the stream then fails, not
   * ends, if it breaks off.
   */
  Future<LogStream> streamLogs(String containerId, LogOptions options);

  /**
   * Starts {@code spec} in a running container with its streams attached ({@code kubectl exec});
   * completes once the engine streams, NOT_FOUND for a container that does not exist.
   */
  default Future<ExecSession> openExec(String containerId, ExecSpec spec) {
    return Future.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " cannot exec"));
  }

  /** Attaches to a running container's main process ({@code kubectl attach}). */
  default Future<ExecSession> attach(String containerId, boolean stdin) {
    return Future.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " cannot attach"));
  }

  /** Calls {@code listener} (on an event loop) when a Shoal container stops (dies) or starts. */
  void onContainerEvent(Consumer<ContainerEvent> listener);

  /**
   * Makes the bridge network {@code spec} describes exist: keeps one of that name with that subnet,
   * replaces one with another subnet when no container uses it (fails FATAL when one does), else
   * creates it.
   */
  default Future<Void> ensureNetwork(NetworkSpec spec) {
    return Future.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " has no networks"));
  }

  /** Removes a network; succeeds if it is already gone. */
  default Future<Void> removeNetwork(String name) {
    return Future.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " has no networks"));
  }

  /**
   * How the engine places containers in cgroups: {@code driver} "cgroupfs" or "systemd", {@code
   * version} "1" or "2" (as Docker's {@code /info} gives them), for reading their usage.
   */
  record CgroupInfo(String driver, String version) {}

  /** The engine's cgroup driver and version. */
  default Future<CgroupInfo> cgroupInfo() {
    return Future.failedFuture(
        new UnsupportedOperationException(getClass().getSimpleName() + " reports no cgroups"));
  }

  /** Releases the engine connection. */
  Future<Void> close();
}
