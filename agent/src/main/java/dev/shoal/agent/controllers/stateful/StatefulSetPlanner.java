package dev.shoal.agent.controllers.stateful;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.StatefulSet;
import dev.shoal.manifests.model.StatefulSetSpec;
import dev.shoal.manifests.model.StatefulSetStatus;
import dev.shoal.manifests.model.StatefulSetUpdateStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Upstream's stateful set rules as a pure function. For each ordinal of {@code [start,
 * start+replicas)} in ascending order: a missing pod is created (its missing claims first), a
 * finished one deleted to be made again; with OrderedReady the pass stops at the first pod it
 * creates, deletes, or finds not yet running and ready (or being deleted), so pod N+1 waits for pod
 * N. Then pods beyond the range are removed from the highest ordinal down, one at a time and only
 * when every other pod is healthy (OrderedReady), or all at once (Parallel). Then, with
 * RollingUpdate, pods of an old revision at or above the partition are deleted from the highest
 * ordinal down, no more than {@code maxUnavailable} down at once; they come back as the update
 * revision. OnDelete replaces nothing. A pod object that still exists (being deleted, or on a lost
 * node) is never created again: that is what keeps one pod per identity.
 */
public final class StatefulSetPlanner {

  private StatefulSetPlanner() {}

  /** The set's two revisions: the one its pods are moving from and the one they move to. */
  public record Revisions(
      String current,
      PodTemplateSpec currentTemplate,
      String update,
      PodTemplateSpec updateTemplate) {}

  public static StatefulSetPlan plan(
      StatefulSet set,
      List<Pod> pods,
      Map<String, PersistentVolumeClaim> claims,
      Revisions revisions,
      Instant now) {
    StatefulSetSpec spec = set.spec();
    int start = spec.startOrdinal();
    int end = start + spec.replicasOrDefault();
    boolean ordered = !spec.isParallel();
    int minReady = spec.minReadySecondsOrDefault();
    TreeMap<Integer, Pod> inRange = new TreeMap<>();
    TreeMap<Integer, Pod> condemned = new TreeMap<>();
    for (Pod p : pods) {
      var ordinal = StatefulPods.ordinal(set, p.metadata().name());
      if (ordinal.isEmpty()) {
        continue;
      }
      (ordinal.getAsInt() >= start && ordinal.getAsInt() < end ? inRange : condemned)
          .put(ordinal.getAsInt(), p);
    }
    List<PersistentVolumeClaim> createClaims = new ArrayList<>();
    List<Pod> createPods = new ArrayList<>();
    List<Pod> deletePods = new ArrayList<>();
    List<StatefulSetPlan.ClaimOwners> owners = new ArrayList<>();
    long recheck = 0;

    boolean stopped = false;
    for (int ordinal = start; ordinal < end && !stopped; ordinal++) {
      Pod pod = inRange.get(ordinal);
      if (pod == null) {
        claimsFor(set, ordinal, claims, createClaims);
        createPods.add(newPod(set, ordinal, revisions));
        stopped = ordered;
        continue;
      }
      if (PodFacts.isTerminal(pod) && !PodFacts.isDeleting(pod)) {
        deletePods.add(pod);
        stopped = ordered;
        continue;
      }
      if (PodFacts.isDeleting(pod)) {
        stopped = ordered;
        continue;
      }
      if (!healthy(pod, minReady, now)) {
        recheck = Math.max(recheck, untilAvailable(pod, minReady, now));
        stopped = ordered;
      }
    }

    if (!stopped) {
      for (Pod pod : condemned.descendingMap().values()) {
        if (PodFacts.isDeleting(pod)) {
          if (ordered) {
            stopped = true;
            break;
          }
          continue;
        }
        if (ordered && firstUnhealthy(inRange, condemned, minReady, now, pod)) {
          stopped = true;
          break;
        }
        deletePods.add(pod);
        if (ordered) {
          stopped = true;
          break;
        }
      }
    }

    claimOwnerChanges(set, inRange, condemned, claims, owners);

    rollingUpdate(set, inRange, revisions, minReady, now, deletePods, stopped);

    StatefulSetStatus status = status(set, pods, revisions, minReady, now);
    return new StatefulSetPlan(createClaims, createPods, deletePods, owners, status, recheck);
  }

  private static void rollingUpdate(
      StatefulSet set,
      TreeMap<Integer, Pod> inRange,
      Revisions revisions,
      int minReady,
      Instant now,
      List<Pod> deletePods,
      boolean stopped) {
    StatefulSetUpdateStrategy strategy = set.spec().updateStrategy();
    if (strategy != null && strategy.isOnDelete()) {
      return;
    }
    if (stopped && !set.spec().isParallel()) {
      return;
    }
    int start = set.spec().startOrdinal();
    int end = start + set.spec().replicasOrDefault();
    int partition = start + (strategy == null ? 0 : strategy.partitionOrZero());
    int maxUnavailable = maxUnavailable(strategy, set.spec().replicasOrDefault());
    int unavailable = 0;
    for (int ordinal = Math.max(partition, start); ordinal < end; ordinal++) {
      Pod pod = inRange.get(ordinal);
      if (pod == null
          || PodFacts.isDeleting(pod)
          || deletePods.contains(pod)
          || !healthy(pod, minReady, now)) {
        unavailable++;
      }
    }
    for (int ordinal = end - 1; ordinal >= partition && unavailable < maxUnavailable; ordinal--) {
      Pod pod = inRange.get(ordinal);
      if (pod == null || PodFacts.isDeleting(pod) || deletePods.contains(pod)) {
        continue;
      }
      if (!Objects.equals(StatefulPods.revisionOf(pod), revisions.update())) {
        deletePods.add(pod);
        if (healthy(pod, minReady, now)) {
          unavailable++;
        }
      }
    }
  }

  /** {@code maxUnavailable} as a count of the replicas (rounded down, at least 1; default 1). */
  static int maxUnavailable(StatefulSetUpdateStrategy strategy, int replicas) {
    IntOrString max =
        strategy == null || strategy.rollingUpdate() == null
            ? null
            : strategy.rollingUpdate().maxUnavailable();
    if (max == null) {
      return 1;
    }
    int value =
        max.isInt()
            ? max.intValue()
            : (int)
                Math.floor(
                    replicas
                        * Integer.parseInt(
                            max.stringValue().substring(0, max.stringValue().length() - 1))
                        / 100.0);
    return Math.max(1, value);
  }

  /** Whether some pod other than {@code target} is not healthy, which holds back a scale-down. */
  private static boolean firstUnhealthy(
      TreeMap<Integer, Pod> inRange,
      TreeMap<Integer, Pod> condemned,
      int minReady,
      Instant now,
      Pod target) {
    List<Pod> all = new ArrayList<>(inRange.values());
    all.addAll(condemned.values());
    for (Pod p : all) {
      if (p != target && !healthy(p, minReady, now)) {
        return true;
      }
    }
    return false;
  }

  /** Running, ready, not being deleted, and ready for minReadySeconds. */
  static boolean healthy(Pod pod, int minReady, Instant now) {
    boolean running = pod.status() != null && "Running".equals(pod.status().phase());
    return running
        && !PodFacts.isDeleting(pod)
        && PodFacts.isReady(pod)
        && PodFacts.isAvailable(pod, minReady, now);
  }

  private static long untilAvailable(Pod pod, int minReady, Instant now) {
    if (minReady <= 0 || !PodFacts.isReady(pod)) {
      return 0;
    }
    Optional<Instant> since = PodFacts.readySince(pod);
    return since
        .map(s -> Duration.between(now, s.plusSeconds(minReady)).toMillis() + 1)
        .filter(ms -> ms > 0)
        .orElse(0L);
  }

  /**
   * The pod of {@code ordinal}: below the partition of a rolling update from the current revision.
   */
  private static Pod newPod(StatefulSet set, int ordinal, Revisions revisions) {
    StatefulSetUpdateStrategy strategy = set.spec().updateStrategy();
    boolean rolling = strategy == null || !strategy.isOnDelete();
    int partition = set.spec().startOrdinal() + (strategy == null ? 0 : strategy.partitionOrZero());
    boolean current =
        rolling
            && ordinal < partition
            && revisions.currentTemplate() != null
            && revisions.current() != null;
    return current
        ? StatefulPods.newPod(set, revisions.currentTemplate(), ordinal, revisions.current())
        : StatefulPods.newPod(set, revisions.updateTemplate(), ordinal, revisions.update());
  }

  private static void claimsFor(
      StatefulSet set,
      int ordinal,
      Map<String, PersistentVolumeClaim> claims,
      List<PersistentVolumeClaim> createClaims) {
    for (PersistentVolumeClaim template : set.spec().volumeClaimTemplatesOrEmpty()) {
      String name = StatefulPods.claimName(template, set, ordinal);
      if (!claims.containsKey(name)) {
        createClaims.add(StatefulPods.newClaim(set, template, ordinal));
      }
    }
  }

  /** Claims whose owners differ from what the retention policy asks for now. */
  private static void claimOwnerChanges(
      StatefulSet set,
      TreeMap<Integer, Pod> inRange,
      TreeMap<Integer, Pod> condemned,
      Map<String, PersistentVolumeClaim> claims,
      List<StatefulSetPlan.ClaimOwners> owners) {
    List<Map.Entry<Integer, Pod>> all = new ArrayList<>(inRange.entrySet());
    all.addAll(condemned.entrySet());
    for (Map.Entry<Integer, Pod> e : all) {
      boolean isCondemned = condemned.containsKey(e.getKey());
      for (PersistentVolumeClaim template : set.spec().volumeClaimTemplatesOrEmpty()) {
        PersistentVolumeClaim claim = claims.get(StatefulPods.claimName(template, set, e.getKey()));
        if (claim == null || PodFacts.isDeleting(claim)) {
          continue;
        }
        var wanted = StatefulPods.claimOwners(set, claim, e.getValue(), isCondemned);
        if (!Objects.equals(wanted, claim.metadata().ownerReferences())) {
          owners.add(
              new StatefulSetPlan.ClaimOwners(
                  claim.metadata().name(), claim.metadata().uid(), wanted));
        }
      }
    }
  }

  /**
   * Upstream's counts over every pod of the set, and the current revision once an update is done.
   */
  static StatefulSetStatus status(
      StatefulSet set, List<Pod> pods, Revisions revisions, int minReady, Instant now) {
    int replicas = 0;
    int ready = 0;
    int available = 0;
    int current = 0;
    int updated = 0;
    for (Pod p : pods) {
      if (StatefulPods.ordinal(set, p.metadata().name()).isEmpty()) {
        continue;
      }
      replicas++;
      boolean running = p.status() != null && "Running".equals(p.status().phase());
      if (running && PodFacts.isReady(p) && !PodFacts.isDeleting(p)) {
        ready++;
        if (PodFacts.isAvailable(p, minReady, now)) {
          available++;
        }
      }
      if (!PodFacts.isDeleting(p)) {
        String revision = StatefulPods.revisionOf(p);
        if (Objects.equals(revision, revisions.current())) {
          current++;
        }
        if (Objects.equals(revision, revisions.update())) {
          updated++;
        }
      }
    }
    String currentRevision = revisions.current();
    StatefulSetUpdateStrategy strategy = set.spec().updateStrategy();
    boolean rolling = strategy == null || !strategy.isOnDelete();
    if (rolling
        && updated == replicas
        && ready == replicas
        && replicas == set.spec().replicasOrDefault()) {
      currentRevision = revisions.update();
      current = updated;
    }
    Integer collisions = set.status() == null ? null : set.status().collisionCount();
    return new StatefulSetStatus(
        set.metadata().generation(),
        replicas,
        ready,
        current,
        updated,
        available,
        currentRevision,
        revisions.update(),
        collisions == null ? 0 : collisions);
  }
}
