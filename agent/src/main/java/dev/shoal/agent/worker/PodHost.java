package dev.shoal.agent.worker;

import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import io.vertx.core.Future;
import java.util.List;

/** The pod worker's only port to the cluster; the agent implements it on its store. */
public interface PodHost {

  /** This node's name, as pods' {@code spec.nodeName} give it. */
  String nodeName();

  /** Every pod with {@code spec.nodeName} equal to this node, including those being deleted. */
  Future<List<Pod>> boundPods();

  /** Writes the pod's status subresource; should succeed (or log) if the pod is gone. */
  Future<Void> writeStatus(Pod pod, PodStatus status);

  /** Removes the pod object once its containers are gone (the end of a graceful delete). */
  Future<Void> finishDeletion(Pod pod);
}
