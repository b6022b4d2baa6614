package dev.shoal.agent.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.agent.control.TestObjects;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.ReplicaSetSpec;
import dev.shoal.manifests.model.ReplicaSetStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaSetPlannerTest {

  private static final Map<String, String> APP = Map.of("app", "web");
  private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
  private final ReplicaSet rs = withUid(TestObjects.replicaSet("ns", "web", 2, APP));

  private static ReplicaSet withUid(ReplicaSet r) {
    return r.withMetadata(r.metadata().withUid("rs-uid").withGeneration(4L));
  }

  private Pod owned(String name, String node, String phase, Instant readySince, Instant created) {
    Pod p = TestObjects.pod("ns", name, APP);
    ObjectMeta meta =
        p.metadata()
            .withUid(name)
            .withCreationTimestamp(created)
            .withOwnerReferences(List.of(PodFacts.controllerRef(rs)));
    PodStatus status = PodStatus.phase(phase);
    if (readySince != null) {
      status =
          status.withConditions(
              List.of(new PodCondition("Ready", "True", null, null, null, readySince)));
    }
    return p.withMetadata(meta).withSpec(p.spec().withNodeName(node)).withStatus(status);
  }

  @Test
  void deletesUnscheduledThenNotReadyThenNewestFirst() {
    Instant t0 = NOW.minusSeconds(50);
    List<Pod> pods =
        List.of(
            owned("ready-old", "n1", "Running", t0, t0),
            owned("ready-new", "n1", "Running", t0.plusSeconds(5), t0.plusSeconds(5)),
            owned("not-ready", "n1", "Running", null, t0),
            owned("unscheduled", null, "Pending", null, t0),
            owned("pending-on-node", "n2", "Pending", null, t0));
    ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, pods, NOW, true);
    assertEquals(
        List.of("unscheduled", "pending-on-node", "not-ready"),
        plan.delete().stream().map(p -> p.metadata().name()).toList());
  }

  @Test
  void countsOnlyActivePodsAndWaitsForMinReadySeconds() {
    ReplicaSet slow =
        rs.withSpec(new ReplicaSetSpec(3, 30, rs.spec().selector(), rs.spec().template()));
    Instant t0 = NOW.minusSeconds(100);
    List<Pod> pods =
        List.of(
            owned("long-ready", "n1", "Running", NOW.minusSeconds(40), t0),
            owned("just-ready", "n1", "Running", NOW.minusSeconds(10), t0),
            owned("failed", "n1", "Failed", null, t0),
            owned("done", "n1", "Succeeded", null, t0));
    ReplicaSetPlan plan = ReplicaSetPlanner.plan(slow, pods, NOW, true);
    assertEquals(1, plan.create());
    assertEquals(new ReplicaSetStatus(2, 2, 1, 2, 4L), plan.status());
    assertEquals(20_001, plan.recheckAfterMillis());
  }

  @Test
  void waitsForExpectationsBeforeScalingButStillReportsStatus() {
    ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, List.of(), NOW, false);
    assertEquals(0, plan.create());
    assertEquals(new ReplicaSetStatus(0, 0, 0, 0, 4L), plan.status());
  }

  @Test
  void neitherAdoptsNorCountsPodsOwnedByAnotherController() {
    Pod foreign = owned("foreign", "n1", "Running", NOW, NOW);
    foreign =
        foreign.withMetadata(
            foreign
                .metadata()
                .withOwnerReferences(
                    List.of(
                        new dev.shoal.manifests.model.OwnerReference(
                            "apps/v1", "ReplicaSet", "other", "other-uid", true, true))));
    ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, List.of(foreign), NOW, true);
    assertEquals(List.of(), plan.adopt());
    assertEquals(2, plan.create());
  }
}
