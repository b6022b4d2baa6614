package dev.shoal.agent.controllers;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentStatus;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.ReplicaSetSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployment reconcile as a pure function (kubernetes' deployment controller, rolling.go and
 * recreate.go): find the replica set whose template is the deployment's (create it when missing; an
 * old one found again is a rollback and gets the next revision), then take one step of the
 * strategy: RollingUpdate scales the new set up within maxSurge, or scales old sets down while
 * availability stays at least {@code replicas - maxUnavailable}; Recreate scales every old set to
 * 0, waits for their pods to go, then scales the new one up. Old sets at 0 beyond {@code
 * revisionHistoryLimit} are deleted once the rollout is complete.
 */
public final class DeploymentPlanner {

  public static final String REVISION = "deployment.kubernetes.io/revision";
  static final int DEFAULT_HISTORY_LIMIT = 10;

  private DeploymentPlanner() {}

  /**
   * @param owned replica sets whose controller is {@code d}
   * @param podsByRs each owned set's pods, by set name
   */
  public static DeploymentPlan plan(
      Deployment d, List<ReplicaSet> owned, Map<String, List<Pod>> podsByRs, Instant now) {
    Rollout r = new Rollout(d, owned, podsByRs, now);
    r.findNewReplicaSet();
    if (!Boolean.TRUE.equals(d.spec().paused())) {
      if (RolloutLimits.isRecreate(d)) {
        r.recreate();
      } else {
        r.rollingUpdate();
      }
      r.cleanup();
    }
    DeploymentStatus status =
        DeploymentStatusCalculator.status(
            d, r.newRs, owned, podsByRs, r.created, !r.actions.isEmpty(), now);
    long recheck = DeploymentStatusCalculator.recheckAfterMillis(d, owned, podsByRs, status, now);
    return new DeploymentPlan(List.copyOf(r.actions), r.newRevision, status, recheck);
  }

  /** Working state of one plan: the replica counts as the actions so far leave them. */
  private static final class Rollout {
    final Deployment d;
    final int replicas;
    final List<ReplicaSet> sets;
    final Map<String, List<Pod>> pods;
    final Map<String, Integer> scale = new HashMap<>();
    final List<DeploymentAction> actions = new ArrayList<>();
    final Instant now;
    ReplicaSet newRs;
    List<ReplicaSet> olds = new ArrayList<>();
    long newRevision;
    boolean created;

    Rollout(Deployment d, List<ReplicaSet> owned, Map<String, List<Pod>> pods, Instant now) {
      this.d = d;
      this.replicas = d.spec().replicasOrDefault();
      this.sets = new ArrayList<>(owned);
      this.sets.sort(OLDEST_FIRST);
      this.pods = pods;
      this.now = now;
      for (ReplicaSet rs : sets) {
        scale.put(rs.metadata().name(), rs.spec().replicasOrDefault());
      }
    }

    void findNewReplicaSet() {
      for (ReplicaSet rs : sets) {
        if (newRs == null
            && TemplateHash.equalIgnoringHash(rs.spec().template(), d.spec().template())) {
          newRs = rs;
        } else {
          olds.add(rs);
        }
      }
      long maxOld = olds.stream().mapToLong(DeploymentPlanner::revision).max().orElse(0);
      newRevision = maxOld + 1;
      if (newRs != null) {
        long current = revision(newRs);
        if (current < newRevision) {
          actions.add(new DeploymentAction.SetRevision(newRs.metadata().name(), newRevision));
        } else {
          newRevision = current;
        }
      }
    }

    void recreate() {
      boolean scaledDown = false;
      for (ReplicaSet old : olds) {
        if (replicasOf(old) > 0) {
          setScale(old, 0);
          scaledDown = true;
        }
      }
      if (scaledDown || olds.stream().anyMatch(old -> activePods(old) > 0)) {
        return;
      }
      if (newRs == null) {
        create(replicas);
      } else if (replicasOf(newRs) != replicas) {
        setScale(newRs, replicas);
      }
    }

    void rollingUpdate() {
      RolloutLimits limits = RolloutLimits.of(d);
      if (newRs == null) {
        create(newReplicaCount(limits, 0));
      } else if (replicasOf(newRs) > replicas) {
        setScale(newRs, replicas);
        return;
      } else if (replicasOf(newRs) < replicas) {
        int target = newReplicaCount(limits, replicasOf(newRs));
        if (target != replicasOf(newRs)) {
          setScale(newRs, target);
          return;
        }
      }
      scaleDownOld(limits);
    }

    /** How far the new set may grow without total replicas passing {@code replicas + maxSurge}. */
    private int newReplicaCount(RolloutLimits limits, int current) {
      int total = scale.values().stream().mapToInt(Integer::intValue).sum();
      int maxTotal = replicas + limits.maxSurge();
      if (total >= maxTotal) {
        return current;
      }
      return current + Math.min(maxTotal - total, replicas - current);
    }

    private void scaleDownOld(RolloutLimits limits) {
      int oldCount = olds.stream().mapToInt(this::replicasOf).sum();
      if (oldCount == 0) {
        return;
      }
      int all = scale.values().stream().mapToInt(Integer::intValue).sum();
      int minAvailable = replicas - limits.maxUnavailable();
      int newUnavailable =
          newRs == null ? 0 : Math.max(0, replicasOf(newRs) - availablePods(newRs));
      int maxScaledDown = all - minAvailable - newUnavailable;
      if (maxScaledDown <= 0) {
        return;
      }
      // First the old sets' pods that are not available anyway: losing them costs no availability.
      int cleaned = 0;
      for (ReplicaSet old : olds) {
        if (cleaned >= maxScaledDown) {
          break;
        }
        int unhealthy = replicasOf(old) - Math.min(replicasOf(old), availablePods(old));
        if (unhealthy <= 0) {
          continue;
        }
        int down = Math.min(maxScaledDown - cleaned, unhealthy);
        setScale(old, replicasOf(old) - down);
        cleaned += down;
      }
      // Then available old pods, as far as the availability floor allows, oldest sets first.
      int available = 0;
      for (ReplicaSet rs : sets) {
        available += Math.min(replicasOf(rs), availablePods(rs));
      }
      if (available <= minAvailable) {
        return;
      }
      int budget = available - minAvailable;
      for (ReplicaSet old : olds) {
        if (budget <= 0) {
          break;
        }
        int down = Math.min(replicasOf(old), budget);
        if (down > 0) {
          setScale(old, replicasOf(old) - down);
          budget -= down;
        }
      }
    }

    void cleanup() {
      if (!actions.stream().allMatch(a -> a instanceof DeploymentAction.SetRevision)) {
        return;
      }
      List<ReplicaSet> idle = new ArrayList<>();
      for (ReplicaSet old : olds) {
        if (replicasOf(old) != 0 || activePods(old) > 0) {
          return;
        }
        idle.add(old);
      }
      int limit =
          d.spec().revisionHistoryLimit() == null
              ? DEFAULT_HISTORY_LIMIT
              : d.spec().revisionHistoryLimit();
      idle.sort(Comparator.comparingLong(DeploymentPlanner::revision));
      for (int i = 0; i < idle.size() - limit; i++) {
        actions.add(new DeploymentAction.DeleteReplicaSet(idle.get(i).metadata().name()));
      }
    }

    private void create(int count) {
      newRs = newReplicaSet(d, count, newRevision);
      created = true;
      scale.put(newRs.metadata().name(), count);
      actions.add(new DeploymentAction.CreateReplicaSet(newRs));
    }

    private void setScale(ReplicaSet rs, int count) {
      scale.put(rs.metadata().name(), count);
      actions.removeIf(
          a ->
              a instanceof DeploymentAction.ScaleReplicaSet s
                  && s.name().equals(rs.metadata().name()));
      actions.add(new DeploymentAction.ScaleReplicaSet(rs.metadata().name(), count));
    }

    private int replicasOf(ReplicaSet rs) {
      return scale.getOrDefault(rs.metadata().name(), 0);
    }

    private int activePods(ReplicaSet rs) {
      return (int) podsOf(rs).stream().filter(PodFacts::isActive).count();
    }

    private int availablePods(ReplicaSet rs) {
      int minReady = d.spec().minReadySeconds() == null ? 0 : d.spec().minReadySeconds();
      return (int)
          podsOf(rs).stream()
              .filter(p -> PodFacts.isActive(p) && PodFacts.isAvailable(p, minReady, now))
              .count();
    }

    private List<Pod> podsOf(ReplicaSet rs) {
      return pods.getOrDefault(rs.metadata().name(), List.of());
    }
  }

  /**
   * The replica set for the deployment's current template: {@code <deploy>-<hash>}, hash label in
   * selector and template.
   */
  static ReplicaSet newReplicaSet(Deployment d, int replicas, long revision) {
    String hash = TemplateHash.of(d.spec().template());
    PodTemplateSpec template = TemplateHash.withHash(d.spec().template(), hash);
    LabelSelector selector =
        d.spec().selector() == null ? LabelSelector.matching(Map.of()) : d.spec().selector();
    Map<String, String> matchLabels =
        new HashMap<>(selector.matchLabels() == null ? Map.of() : selector.matchLabels());
    matchLabels.put(TemplateHash.LABEL, hash);
    ObjectMeta meta =
        new ObjectMeta(
            d.metadata().name() + "-" + hash,
            null,
            d.metadata().namespace(),
            template.metadata().labels(),
            Map.of(REVISION, Long.toString(revision)),
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(PodFacts.controllerRef(d)),
            null);
    ReplicaSetSpec spec =
        new ReplicaSetSpec(
            replicas,
            d.spec().minReadySeconds(),
            new LabelSelector(matchLabels, selector.matchExpressions()),
            template);
    return new ReplicaSet(meta, spec, null);
  }

  static long revision(ReplicaSet rs) {
    Map<String, String> annotations = rs.metadata().annotations();
    String value = annotations == null ? null : annotations.get(REVISION);
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static final Comparator<ReplicaSet> OLDEST_FIRST =
      Comparator.comparing(
              (ReplicaSet rs) ->
                  rs.metadata().creationTimestamp() == null
                      ? Instant.MAX
                      : rs.metadata().creationTimestamp())
          .thenComparing(rs -> rs.metadata().name());
}
