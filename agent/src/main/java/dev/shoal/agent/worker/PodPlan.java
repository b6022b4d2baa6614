package dev.shoal.agent.worker;

import dev.shoal.manifests.model.PodStatus;
import java.time.Instant;
import java.util.List;

/**
 * What one sync decided: the actions to take in order, the status that the observed state shows,
 * and when to look again at the latest (a back-off expiring), or null.
 */
record PodPlan(List<PodAction> actions, PodStatus status, Instant wakeAt) {
  PodPlan {
    actions = List.copyOf(actions);
  }
}
