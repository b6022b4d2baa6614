package dev.shoal.agent.worker;

import dev.shoal.agent.events.EventRecorder;
import dev.shoal.manifests.model.ConfigMap;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.Secret;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** The pod worker's only port to the cluster; the agent implements it on its store. */
public interface PodHost {

  /** This node's name, as pods' {@code spec.nodeName} give it. */
  String nodeName();

  /** Every pod with {@code spec.nodeName} equal to this node, including those being deleted. */
  Future<List<Pod>> boundPods();

  /** Writes the pod's status subresource; should succeed (or log) if the pod is gone. */
  Future<Void> writeStatus(Pod pod, PodStatus status);

  /**
   * Completes once {@code pod}, its status carrying the address its sandbox got, may start
   * containers: this node's NetworkPolicy rules hold it (isolated if a policy selects it).
   */
  default Future<Void> podAddressed(Pod pod) {
    return Future.succeededFuture();
  }

  /** Removes the pod object once its containers are gone (the end of a graceful delete). */
  Future<Void> finishDeletion(Pod pod);

  /**
   * Where the worker tells what it did and saw (kubelet's events: Started, Killing, Unhealthy,
   * BackOff).
   */
  default EventRecorder events() {
    return EventRecorder.NONE;
  }

  /**
   * The Secret {@code name} of {@code namespace}, empty when there is none, read when a container
   * that refers to it starts. A host that does not implement this has no secrets to give: such
   * containers wait with CreateContainerConfigError saying so.
   */
  default Future<Optional<Secret>> secret(String namespace, String name) {
    return Future.failedFuture(
        new IllegalStateException(
            "this node's pod worker cannot read Secrets "
                + "(its host gives it no access to them)"));
  }

  /**
   * The ConfigMap {@code name} of {@code namespace}, empty when there is none; as {@link #secret}.
   */
  default Future<Optional<ConfigMap>> configMap(String namespace, String name) {
    return Future.failedFuture(
        new IllegalStateException(
            "this node's pod worker cannot read ConfigMaps "
                + "(its host gives it no access to them)"));
  }

  /**
   * Where the volume bound to claim {@code name} of {@code namespace} lives on this node, or why it
   * cannot be mounted yet (no such claim, not bound yet). A host that does not implement this has
   * no claims to give.
   */
  default Future<ClaimMount> claim(String namespace, String name) {
    return Future.succeededFuture(
        ClaimMount.waiting("this node's pod worker cannot read PersistentVolumeClaims"));
  }
}
