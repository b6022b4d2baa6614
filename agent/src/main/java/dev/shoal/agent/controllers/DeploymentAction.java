package dev.shoal.agent.controllers;

import dev.shoal.manifests.model.ReplicaSet;

/** One write a deployment sync makes to its replica sets. */
public sealed interface DeploymentAction {

  record CreateReplicaSet(ReplicaSet replicaSet) implements DeploymentAction {}

  record ScaleReplicaSet(String name, int replicas) implements DeploymentAction {}

  /**
   * Sets the {@code deployment.kubernetes.io/revision} annotation of a reused (e.g. rolled back)
   * set.
   */
  record SetRevision(String name, long revision) implements DeploymentAction {}

  /** Deletes an old set past {@code revisionHistoryLimit}. */
  record DeleteReplicaSet(String name) implements DeploymentAction {}
}
