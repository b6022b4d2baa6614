package dev.shoal.agent.controllers;

import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSetStatus;
import java.util.List;

/**
 * What one replica set sync should do: pods to adopt and release, how many to create, which to
 * delete, the status to record, and when to look again (minReadySeconds), or -1.
 */
public record ReplicaSetPlan(
    List<Pod> adopt,
    List<Pod> release,
    int create,
    List<Pod> delete,
    ReplicaSetStatus status,
    long recheckAfterMillis) {}
