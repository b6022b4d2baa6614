package dev.shoal.agent.controllers;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.ReplicaSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A cluster in a few maps, for property tests of {@link DeploymentPlanner}: applies a plan's
 * actions, plays the replica set controller (create missing pods not ready, delete surplus in
 * {@link ReplicaSetPlanner#DELETE_FIRST} order) and a kubelet that readies a random share of pods.
 */
final class RolloutSimulation {

  Deployment deployment;
  final Map<String, ReplicaSet> sets = new HashMap<>();
  final Map<String, List<Pod>> pods = new HashMap<>();
  final Random random;
  Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private int serial;

  RolloutSimulation(Deployment deployment, long seed) {
    this.deployment = deployment;
    this.random = new Random(seed);
  }

  DeploymentPlan step(double readyShare) {
    now = now.plusSeconds(1);
    DeploymentPlan plan = DeploymentPlanner.plan(deployment, List.copyOf(sets.values()), pods, now);
    for (DeploymentAction action : plan.actions()) {
      apply(action);
    }
    deployment = deployment.withStatus(plan.status());
    replicaSetController();
    kubelet(readyShare);
    return plan;
  }

  void apply(DeploymentAction action) {
    if (action instanceof DeploymentAction.CreateReplicaSet c) {
      ReplicaSet rs = c.replicaSet();
      rs =
          rs.withMetadata(
              rs.metadata()
                  .withUid("rs-" + (++serial))
                  .withCreationTimestamp(now.plusMillis(serial)));
      sets.put(rs.metadata().name(), rs);
    } else if (action instanceof DeploymentAction.ScaleReplicaSet s) {
      ReplicaSet rs = sets.get(s.name());
      sets.put(s.name(), rs.withSpec(rs.spec().withReplicas(s.replicas())));
    } else if (action instanceof DeploymentAction.SetRevision r) {
      ReplicaSet rs = sets.get(r.name());
      Map<String, String> annotations = new HashMap<>(rs.metadata().annotations());
      annotations.put(DeploymentPlanner.REVISION, Long.toString(r.revision()));
      ObjectMeta m = rs.metadata();
      sets.put(
          r.name(),
          rs.withMetadata(
              new ObjectMeta(
                  m.name(),
                  null,
                  m.namespace(),
                  m.labels(),
                  annotations,
                  m.uid(),
                  null,
                  null,
                  m.creationTimestamp(),
                  null,
                  null,
                  m.ownerReferences(),
                  null)));
    } else if (action instanceof DeploymentAction.DeleteReplicaSet d) {
      sets.remove(d.name());
      pods.remove(d.name());
    }
  }

  private void replicaSetController() {
    for (ReplicaSet rs : sets.values()) {
      List<Pod> list = new ArrayList<>(pods.getOrDefault(rs.metadata().name(), List.of()));
      int want = rs.spec().replicasOrDefault();
      while (list.size() < want) {
        Pod pod = ReplicaSetController.newPod(rs);
        pod =
            pod.withMetadata(
                pod.metadata()
                    .withName(rs.metadata().name() + "-" + (++serial))
                    .withUid("pod-" + serial)
                    .withCreationTimestamp(now.plusMillis(serial)));
        list.add(pod.withStatus(PodStatus.phase("Running")));
      }
      if (list.size() > want) {
        list.sort(ReplicaSetPlanner.DELETE_FIRST);
        list = new ArrayList<>(list.subList(list.size() - want, list.size()));
      }
      pods.put(rs.metadata().name(), list);
    }
  }

  private void kubelet(double readyShare) {
    for (List<Pod> list : pods.values()) {
      for (int i = 0; i < list.size(); i++) {
        Pod pod = list.get(i);
        if (!PodFacts.isReady(pod) && random.nextDouble() < readyShare) {
          list.set(
              i,
              pod.withStatus(
                  pod.status()
                      .withConditions(
                          List.of(new PodCondition("Ready", "True", null, null, null, now)))));
        }
      }
    }
  }

  int totalPods() {
    return pods.values().stream().mapToInt(List::size).sum();
  }

  int availablePods() {
    return (int) pods.values().stream().flatMap(List::stream).filter(PodFacts::isReady).count();
  }

  int totalSpecReplicas() {
    return sets.values().stream().mapToInt(rs -> rs.spec().replicasOrDefault()).sum();
  }

  ReplicaSet newSet() {
    return sets.values().stream()
        .filter(
            rs ->
                TemplateHash.equalIgnoringHash(rs.spec().template(), deployment.spec().template()))
        .findFirst()
        .orElse(null);
  }

  boolean converged() {
    ReplicaSet n = newSet();
    int replicas = deployment.spec().replicasOrDefault();
    return n != null
        && pods.getOrDefault(n.metadata().name(), List.of()).stream()
                .filter(PodFacts::isReady)
                .count()
            == replicas
        && totalPods() == replicas;
  }
}
