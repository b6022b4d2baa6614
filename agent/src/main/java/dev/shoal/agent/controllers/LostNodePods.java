package dev.shoal.agent.controllers;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.StatefulSet;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod that stays on a lost node (it tolerates the node's NoExecute taints) is marked Ready=False,
 * as upstream's node lifecycle does, so endpoints and owners stop counting on it; the pod worker
 * writes its real readiness back once the node answers again.
 */
final class LostNodePods {

  static final String REASON = "NodeLost";

  private LostNodePods() {}

  static Future<Void> markNotReady(ClusterStore store, Pod pod, Instant now) {
    return ReplicaSetController.ignoreMissing(
        store.modify(
            ObjectKey.of(pod),
            current -> {
              Pod p = (Pod) current;
              if (!pod.metadata().uid().equals(p.metadata().uid())
                  || p.status() == null
                  || !p.status().isReady()) {
                return current;
              }
              List<PodCondition> conditions = new ArrayList<>();
              for (PodCondition c : p.status().conditions()) {
                conditions.add(
                    "Ready".equals(c.type())
                        ? new PodCondition(
                            "Ready",
                            "False",
                            REASON,
                            "Node is unreachable: the pod's readiness is unknown",
                            c.lastProbeTime(),
                            now)
                        : c);
              }
              return p.withStatus(p.status().withConditions(conditions));
            }));
  }

  static boolean isStateful(Pod pod) {
    return PodFacts.controllerOf(pod).map(ref -> StatefulSet.KIND.equals(ref.kind())).orElse(false);
  }

  /**
   * A StatefulSet's pod on a lost node: not ready, and deleted gracefully (deletionTimestamp with
   * its grace period), so it stays until its node removes it or an operator forces it.
   */
  static Future<Void> markDeleting(ClusterStore store, Pod pod, Instant now) {
    return markNotReady(store, pod, now)
        .compose(
            v ->
                ReplicaSetController.ignoreMissing(
                    store.modify(
                        ObjectKey.of(pod),
                        current -> {
                          Pod p = (Pod) current;
                          if (!pod.metadata().uid().equals(p.metadata().uid())
                              || PodFacts.isDeleting(p)) {
                            return current;
                          }
                          long grace =
                              p.spec().terminationGracePeriodSeconds() == null
                                  ? 30
                                  : p.spec().terminationGracePeriodSeconds();
                          return p.withMetadata(
                              p.metadata()
                                  .withDeletion(
                                      now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                          .plusSeconds(grace),
                                      grace));
                        })));
  }
}
