package dev.shoal.agent.controllers.stateful;

import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.StatefulSetStatus;
import java.util.List;

/**
 * What one sync of a stateful set does: claims to create (before their pods), pods to create and
 * delete, claims whose owners the retention policy changes, the status to record, and when to look
 * again (a pod becoming available after minReadySeconds; 0 for never).
 */
public record StatefulSetPlan(
    List<PersistentVolumeClaim> createClaims,
    List<Pod> createPods,
    List<Pod> deletePods,
    List<ClaimOwners> claimOwners,
    StatefulSetStatus status,
    long recheckAfterMillis) {

  /** The owner references claim {@code name} should carry (null: none). */
  public record ClaimOwners(String name, String uid, List<OwnerReference> owners) {}
}
