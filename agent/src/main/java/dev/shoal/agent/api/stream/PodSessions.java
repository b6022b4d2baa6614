package dev.shoal.agent.api.stream;

import dev.shoal.agent.runtime.ContainerSessions;
import dev.shoal.agent.runtime.ExecSession;
import dev.shoal.agent.runtime.ExecSpec;
import dev.shoal.manifests.model.Pod;
import io.vertx.core.Future;

/**
 * The processes of this node's pods, as exec and attach reach them: the pod's running container is
 * found first (so a missing one is refused before the upgrade), then the session is opened on the
 * upgraded socket.
 */
public interface PodSessions {

  /** The engine ID of {@code container} of {@code pod}, running here; NOT_FOUND or CONFLICT. */
  Future<String> running(Pod pod, String container);

  Future<ExecSession> exec(String containerId, ExecSpec spec);

  Future<ExecSession> attach(String containerId, boolean stdin);

  /** On the node's container runtime. */
  static PodSessions of(ContainerSessions sessions) {
    return new PodSessions() {
      @Override
      public Future<String> running(Pod pod, String container) {
        return sessions.running(pod.metadata().uid(), pod.metadata().name(), container);
      }

      @Override
      public Future<ExecSession> exec(String containerId, ExecSpec spec) {
        return sessions.exec(containerId, spec);
      }

      @Override
      public Future<ExecSession> attach(String containerId, boolean stdin) {
        return sessions.attach(containerId, stdin);
      }
    };
  }
}
