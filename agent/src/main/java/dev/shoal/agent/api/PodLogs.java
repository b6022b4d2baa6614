package dev.shoal.agent.api;

import dev.shoal.manifests.model.Pod;
import io.vertx.core.Future;

/** Reads a container's log for {@code GET .../pods/{name}/log}; the node that runs the pod answers. */
public interface PodLogs {

  /** {@code container} null means the pod's only container; {@code tailLines} null means all. */
  Future<String> logs(Pod pod, String container, Integer tailLines);
}
