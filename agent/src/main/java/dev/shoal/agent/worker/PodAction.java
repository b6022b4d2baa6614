package dev.shoal.agent.worker;

import dev.shoal.agent.runtime.ContainerSpec;
import dev.shoal.agent.runtime.SandboxSpec;
import dev.shoal.manifests.model.Container;
import java.time.Duration;
import java.util.List;

/** One step the worker takes for a pod; a {@link PodPlan} lists them in order. */
sealed interface PodAction {

  /** Create and start the sandbox; its image is filled in by the worker (the pause image). */
  record CreateSandbox(SandboxSpec spec) implements PodAction {}

  /** Remove {@code obsolete} instances, then create and start {@code spec} joining the sandbox. */
  record StartContainer(Container container, ContainerSpec spec, List<String> obsolete)
      implements PodAction {}

  /** Stop a container: SIGTERM, then SIGKILL after {@code grace}. */
  record StopContainer(String containerId, String name, Duration grace, String why)
      implements PodAction {}

  /** Remove a container (or sandbox) that is no longer wanted. */
  record RemoveContainer(String containerId, String why) implements PodAction {}
}
