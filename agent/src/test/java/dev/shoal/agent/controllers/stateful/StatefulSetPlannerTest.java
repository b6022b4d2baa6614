package dev.shoal.agent.controllers.stateful;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.TestObjects;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.PersistentVolumeClaimSpec;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.RollingUpdateStatefulSetStrategy;
import dev.shoal.manifests.model.StatefulSet;
import dev.shoal.manifests.model.StatefulSetPersistentVolumeClaimRetentionPolicy;
import dev.shoal.manifests.model.StatefulSetSpec;
import dev.shoal.manifests.model.StatefulSetUpdateStrategy;
import dev.shoal.manifests.model.VolumeResourceRequirements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stateful set planner's decisions on a fixed clock, case by case as upstream's rules say. */
class StatefulSetPlannerTest {

  private static final Map<String, String> APP = Map.of("app", "web");
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
  private static final PodTemplateSpec OLD = TestObjects.template(APP, "img:1");
  private static final PodTemplateSpec NEW = TestObjects.template(APP, "img:2");

  private static StatefulSet set(int replicas, PodTemplateSpec template) {
    PersistentVolumeClaim claim =
        new PersistentVolumeClaim(
            ObjectMeta.named(null, "data"),
            new PersistentVolumeClaimSpec(
                List.of("ReadWriteOnce"),
                null,
                new VolumeResourceRequirements(Map.of("storage", "1Gi"), null),
                null,
                null,
                null),
            null);
    return new StatefulSet(
        ObjectMeta.named("ns", "web").withUid("sts-uid").withGeneration(2L),
        new StatefulSetSpec(
            replicas,
            LabelSelector.matching(APP),
            template,
            List.of(claim),
            "web",
            null,
            null,
            null,
            null,
            null,
            null),
        null);
  }

  private static StatefulSet rolling(StatefulSet s, Integer partition, Integer maxUnavailable) {
    return s.withSpec(
        s.spec()
            .withUpdateStrategy(
                new StatefulSetUpdateStrategy(
                    StatefulSetUpdateStrategy.ROLLING_UPDATE,
                    new RollingUpdateStatefulSetStrategy(
                        partition,
                        maxUnavailable == null ? null : IntOrString.of(maxUnavailable)))));
  }

  private static final StatefulSetPlanner.Revisions SAME =
      new StatefulSetPlanner.Revisions("web-old", OLD, "web-old", OLD);
  private static final StatefulSetPlanner.Revisions UPDATE =
      new StatefulSetPlanner.Revisions("web-old", OLD, "web-new", NEW);

  /** A pod of ordinal {@code i} of {@code revision}, running and ready unless said otherwise. */
  private static Pod pod(StatefulSet s, int i, String revision, boolean ready) {
    Pod p = StatefulPods.newPod(s, OLD, i, revision);
    PodStatus status = PodStatus.phase("Running");
    if (ready) {
      status =
          status.withConditions(
              List.of(new PodCondition("Ready", "True", null, null, null, NOW.minusSeconds(60))));
    }
    return new Pod(
        p.metadata().withUid("uid-" + i), p.spec().withNodeName("n" + (i % 3 + 1)), status);
  }

  private static List<Pod> healthy(StatefulSet s, int count, String revision) {
    List<Pod> pods = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pods.add(pod(s, i, revision, true));
    }
    return pods;
  }

  private static Map<String, PersistentVolumeClaim> claimsOf(StatefulSet s, int count) {
    Map<String, PersistentVolumeClaim> claims = new HashMap<>();
    for (int i = 0; i < count; i++) {
      PersistentVolumeClaim c = StatefulPods.newClaim(s, s.spec().volumeClaimTemplates().get(0), i);
      claims.put(c.metadata().name(), c.withMetadata(c.metadata().withUid("claim-" + i)));
    }
    return claims;
  }

  private static StatefulSetPlan plan(
      StatefulSet s,
      List<Pod> pods,
      Map<String, PersistentVolumeClaim> claims,
      StatefulSetPlanner.Revisions revisions) {
    return StatefulSetPlanner.plan(s, pods, claims, revisions, NOW);
  }

  private static List<String> names(List<? extends dev.shoal.manifests.model.Resource> objects) {
    return objects.stream().map(o -> o.metadata().name()).toList();
  }

  @Test
  void orderedReadyCreatesTheFirstPodAndItsClaimOnly() {
    StatefulSet s = set(3, OLD);
    StatefulSetPlan plan = plan(s, List.of(), Map.of(), SAME);
    assertEquals(List.of("web-0"), names(plan.createPods()));
    assertEquals(List.of("data-web-0"), names(plan.createClaims()));
    Pod web0 = plan.createPods().get(0);
    assertEquals("web-0", web0.spec().hostname());
    assertEquals("web", web0.spec().subdomain());
    assertEquals("web-0", web0.metadata().labels().get(StatefulPods.POD_NAME_LABEL));
    assertEquals("0", web0.metadata().labels().get(StatefulPods.POD_INDEX_LABEL));
    assertEquals("web-old", web0.metadata().labels().get(StatefulPods.REVISION_LABEL));
    assertEquals(
        "data-web-0",
        web0.spec().volumes().stream()
            .filter(v -> v.name().equals("data"))
            .findFirst()
            .orElseThrow()
            .persistentVolumeClaim()
            .claimName());
  }

  @Test
  void theNextOrdinalWaitsUntilTheOneBeforeIsRunningAndReady() {
    StatefulSet s = set(3, OLD);
    List<Pod> notReady = List.of(pod(s, 0, "web-old", false));
    assertTrue(plan(s, notReady, claimsOf(s, 1), SAME).createPods().isEmpty());
    List<Pod> ready = List.of(pod(s, 0, "web-old", true));
    assertEquals(List.of("web-1"), names(plan(s, ready, claimsOf(s, 1), SAME).createPods()));
  }

  @Test
  void parallelCreatesEveryMissingPodAtOnce() {
    StatefulSet s = set(3, OLD);
    s = s.withSpec(s.spec().withPodManagementPolicy(StatefulSetSpec.PARALLEL));
    StatefulSetPlan plan = plan(s, List.of(pod(s, 1, "web-old", false)), claimsOf(s, 2), SAME);
    assertEquals(List.of("web-0", "web-2"), names(plan.createPods()));
    assertEquals(List.of("data-web-2"), names(plan.createClaims()), "existing claims are reused");
  }

  @Test
  void aPodStillBeingDeletedIsNotMadeAgain() {
    StatefulSet s = set(2, OLD);
    Pod going = pod(s, 0, "web-old", true);
    going = going.withMetadata(going.metadata().withDeletion(NOW.plusSeconds(30), 30L));
    StatefulSetPlan plan = plan(s, List.of(going), claimsOf(s, 2), SAME);
    assertTrue(plan.createPods().isEmpty(), "at most one pod per identity");
    assertTrue(plan.deletePods().isEmpty());
  }

  @Test
  void aFailedPodIsDeletedToBeMadeAgain() {
    StatefulSet s = set(1, OLD);
    Pod failed = pod(s, 0, "web-old", false);
    failed = failed.withStatus(PodStatus.phase("Failed"));
    StatefulSetPlan plan = plan(s, List.of(failed), claimsOf(s, 1), SAME);
    assertEquals(List.of("web-0"), names(plan.deletePods()));
    assertTrue(plan.createPods().isEmpty(), "made again once the failed one is gone");
  }

  @Test
  void scaleDownRemovesTheHighestOrdinalFirstOneAtATimeAndKeepsClaims() {
    StatefulSet s = set(1, OLD);
    StatefulSetPlan plan = plan(s, healthy(s, 3, "web-old"), claimsOf(s, 3), SAME);
    assertEquals(List.of("web-2"), names(plan.deletePods()));
    assertTrue(plan.claimOwners().isEmpty(), "Retain: claims keep no owner");
  }

  @Test
  void scaleDownWaitsWhileAnotherPodIsUnhealthy() {
    StatefulSet s = set(1, OLD);
    List<Pod> pods = new ArrayList<>(healthy(s, 3, "web-old"));
    pods.set(1, pod(s, 1, "web-old", false));
    assertTrue(plan(s, pods, claimsOf(s, 3), SAME).deletePods().isEmpty());
  }

  @Test
  void parallelScaleDownRemovesEveryCondemnedPod() {
    StatefulSet s = set(1, OLD);
    s = s.withSpec(s.spec().withPodManagementPolicy(StatefulSetSpec.PARALLEL));
    StatefulSetPlan plan = plan(s, healthy(s, 3, "web-old"), claimsOf(s, 3), SAME);
    assertEquals(List.of("web-2", "web-1"), names(plan.deletePods()));
  }

  @Test
  void whenScaledDeleteGivesACondemnedPodsClaimToThePod() {
    StatefulSet s = set(2, OLD);
    s =
        s.withSpec(
            s.spec()
                .withRetentionPolicy(
                    new StatefulSetPersistentVolumeClaimRetentionPolicy("Retain", "Delete")));
    StatefulSetPlan plan = plan(s, healthy(s, 3, "web-old"), claimsOf(s, 3), SAME);
    assertEquals(1, plan.claimOwners().size());
    StatefulSetPlan.ClaimOwners owners = plan.claimOwners().get(0);
    assertEquals("data-web-2", owners.name());
    assertEquals("Pod", owners.owners().get(0).kind());
    assertEquals("web-2", owners.owners().get(0).name());
  }

  @Test
  void whenDeletedDeleteGivesEveryClaimToTheSet() {
    StatefulSet s = set(2, OLD);
    s =
        s.withSpec(
            s.spec()
                .withRetentionPolicy(
                    new StatefulSetPersistentVolumeClaimRetentionPolicy("Delete", "Retain")));
    PersistentVolumeClaim made =
        StatefulSetPlanner.plan(s, List.of(), Map.of(), SAME, NOW).createClaims().get(0);
    assertEquals("StatefulSet", made.metadata().ownerReferences().get(0).kind());
    assertEquals(false, made.metadata().ownerReferences().get(0).controller());
  }

  @Test
  void rollingUpdateReplacesTheHighestOldPodFirstAndOneAtATime() {
    StatefulSet s = set(3, NEW);
    StatefulSetPlan plan = plan(s, healthy(s, 3, "web-old"), claimsOf(s, 3), UPDATE);
    assertEquals(List.of("web-2"), names(plan.deletePods()));

    List<Pod> pods = healthy(s, 3, "web-old");
    pods.set(2, pod(s, 2, "web-new", false)); // the replaced one is not ready yet
    assertTrue(plan(s, pods, claimsOf(s, 3), UPDATE).deletePods().isEmpty());
  }

  @Test
  void partitionKeepsLowerOrdinalsOnTheCurrentRevision() {
    StatefulSet s = rolling(set(3, NEW), 2, null);
    List<Pod> pods = healthy(s, 3, "web-old");
    pods.set(2, pod(s, 2, "web-new", true));
    assertTrue(plan(s, pods, claimsOf(s, 3), UPDATE).deletePods().isEmpty());

    StatefulSetPlan recreate = plan(s, List.of(), Map.of(), UPDATE);
    assertEquals(
        "web-old",
        recreate.createPods().get(0).metadata().labels().get(StatefulPods.REVISION_LABEL),
        "below the partition a new pod is of the current revision");
    assertEquals("img:1", recreate.createPods().get(0).spec().containers().get(0).image());
  }

  @Test
  void maxUnavailableReplacesThatManyAtOnce() {
    StatefulSet s = rolling(set(3, NEW), 0, 2);
    s = s.withSpec(s.spec().withPodManagementPolicy(StatefulSetSpec.PARALLEL));
    StatefulSetPlan plan = plan(s, healthy(s, 3, "web-old"), claimsOf(s, 3), UPDATE);
    assertEquals(List.of("web-2", "web-1"), names(plan.deletePods()));
  }

  @Test
  void onDeleteReplacesNothing() {
    StatefulSet s = set(3, NEW);
    s =
        s.withSpec(
            s.spec()
                .withUpdateStrategy(
                    new StatefulSetUpdateStrategy(StatefulSetUpdateStrategy.ON_DELETE, null)));
    StatefulSetPlan plan = plan(s, healthy(s, 3, "web-old"), claimsOf(s, 3), UPDATE);
    assertTrue(plan.deletePods().isEmpty());
    assertEquals(
        "web-new",
        plan(s, healthy(s, 2, "web-old"), claimsOf(s, 2), UPDATE)
            .createPods()
            .get(0)
            .metadata()
            .labels()
            .get(StatefulPods.REVISION_LABEL),
        "a pod made under OnDelete is of the update revision");
  }

  @Test
  void statusCountsAndTheCurrentRevisionOnceEveryPodIsUpdated() {
    StatefulSet s = set(3, NEW);
    List<Pod> pods = healthy(s, 3, "web-old");
    pods.set(2, pod(s, 2, "web-new", false));
    var status = plan(s, pods, claimsOf(s, 3), UPDATE).status();
    assertEquals(3, status.replicas());
    assertEquals(2, status.readyReplicas());
    assertEquals(2, status.currentReplicas());
    assertEquals(1, status.updatedReplicas());
    assertEquals("web-old", status.currentRevision());
    assertEquals("web-new", status.updateRevision());
    assertEquals(2L, status.observedGeneration());

    var done = plan(s, healthy(s, 3, "web-new"), claimsOf(s, 3), UPDATE).status();
    assertEquals("web-new", done.currentRevision());
    assertEquals(3, done.currentReplicas());
  }

  @Test
  void namesOutsideTheSetsPatternAreNotOrdinals() {
    StatefulSet s = set(1, OLD);
    assertEquals(2, StatefulPods.ordinal(s, "web-2").getAsInt());
    assertTrue(StatefulPods.ordinal(s, "web-02").isEmpty());
    assertTrue(StatefulPods.ordinal(s, "web-x").isEmpty());
    assertTrue(StatefulPods.ordinal(s, "webby-1").isEmpty());
    assertNull(StatefulPods.newClaim(s, s.spec().volumeClaimTemplates().get(0), 0).status());
  }
}
