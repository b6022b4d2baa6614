package dev.shoal.agent.controllers;

import dev.shoal.agent.control.Labels;
import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.ReplicaSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replica set reconcile as a pure function (kubernetes' replica_set.go): claim pods (adopt
 * matching orphans, release owned pods whose labels stopped matching), then create or delete the
 * difference with {@code spec.replicas}, deleting the least useful pods first.
 */
public final class ReplicaSetPlanner {

  /** At most this many creations or deletions per sync, as Kubernetes' burstReplicas. */
  static final int BURST = 500;

  private ReplicaSetPlanner() {}

  /**
   * @param pods every pod of the replica set's namespace
   * @param mayScale false while earlier creations/deletions have not come back through the watch
   */
  public static ReplicaSetPlan plan(ReplicaSet rs, List<Pod> pods, Instant now, boolean mayScale) {
    String uid = rs.metadata().uid();
    boolean rsDeleting = PodFacts.isDeleting(rs);
    List<Pod> adopt = new ArrayList<>();
    List<Pod> release = new ArrayList<>();
    List<Pod> owned = new ArrayList<>();
    for (Pod pod : pods) {
      Optional<OwnerReference> ref = PodFacts.controllerOf(pod);
      boolean matches = Labels.matches(rs.spec().selector(), pod.metadata().labels());
      if (ref.isPresent() && uid.equals(ref.get().uid())) {
        if (matches) {
          owned.add(pod);
        } else if (!PodFacts.isDeleting(pod)) {
          release.add(pod);
        }
      } else if (ref.isEmpty() && matches && PodFacts.isActive(pod) && !rsDeleting) {
        adopt.add(pod);
        owned.add(pod);
      }
    }
    List<Pod> active = owned.stream().filter(PodFacts::isActive).toList();
    int diff = active.size() - rs.spec().replicasOrDefault();
    int create = 0;
    List<Pod> delete = List.of();
    if (mayScale && !rsDeleting) {
      if (diff < 0) {
        create = Math.min(-diff, BURST);
      } else if (diff > 0) {
        List<Pod> ranked = new ArrayList<>(active);
        ranked.sort(DELETE_FIRST);
        delete = List.copyOf(ranked.subList(0, Math.min(diff, BURST)));
      }
    }
    return new ReplicaSetPlan(
        adopt, release, create, delete, status(rs, active, now), recheck(rs, active, now));
  }

  private static ReplicaSetStatus status(ReplicaSet rs, List<Pod> active, Instant now) {
    int minReady = minReadySeconds(rs);
    Map<String, String> templateLabels =
        rs.spec().template() == null || rs.spec().template().metadata() == null
            ? Map.of()
            : rs.spec().template().metadata().labelsOrEmpty();
    int ready = 0;
    int available = 0;
    int fullyLabeled = 0;
    for (Pod pod : active) {
      if (PodFacts.isReady(pod)) {
        ready++;
      }
      if (PodFacts.isAvailable(pod, minReady, now)) {
        available++;
      }
      if (Labels.containsAll(templateLabels, pod.metadata().labels())) {
        fullyLabeled++;
      }
    }
    return new ReplicaSetStatus(
        active.size(), ready, available, fullyLabeled, rs.metadata().generation());
  }

  /** When the next ready pod becomes available, if minReadySeconds makes one wait. */
  private static long recheck(ReplicaSet rs, List<Pod> active, Instant now) {
    int minReady = minReadySeconds(rs);
    if (minReady <= 0) {
      return -1;
    }
    long soonest = -1;
    for (Pod pod : active) {
      Optional<Instant> since = PodFacts.readySince(pod);
      if (since.isPresent() && !PodFacts.isAvailable(pod, minReady, now)) {
        long wait = Duration.between(now, since.get().plusSeconds(minReady)).toMillis() + 1;
        soonest = soonest < 0 ? wait : Math.min(soonest, wait);
      }
    }
    return soonest;
  }

  static int minReadySeconds(ReplicaSet rs) {
    return rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
  }

  /**
   * Kubernetes' ActivePods order: unscheduled, then pending, then not ready, then ready the
   * shortest, then newest.
   */
  static final Comparator<Pod> DELETE_FIRST =
      Comparator.comparing((Pod p) -> PodFacts.isBound(p) ? 1 : 0)
          .thenComparing(p -> phaseRank(p))
          .thenComparing(p -> PodFacts.isReady(p) ? 1 : 0)
          .thenComparing(p -> PodFacts.readySince(p).orElse(Instant.MAX), Comparator.reverseOrder())
          .thenComparing(
              p ->
                  p.metadata().creationTimestamp() == null
                      ? Instant.MAX
                      : p.metadata().creationTimestamp(),
              Comparator.reverseOrder())
          .thenComparing(p -> p.metadata().name(), Comparator.reverseOrder());

  private static int phaseRank(Pod pod) {
    String phase = pod.status() == null ? "Pending" : pod.status().phase();
    if (phase == null || "Pending".equals(phase)) {
      return 0;
    }
    return "Unknown".equals(phase) ? 1 : 2;
  }
}
