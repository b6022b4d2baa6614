package dev.shoal.agent.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.agent.control.TestObjects;
import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.Deployment;
import dev.shoal.manifests.model.DeploymentCondition;
import dev.shoal.manifests.model.DeploymentSpec;
import dev.shoal.manifests.model.DeploymentStrategy;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.ReplicaSet;
import dev.shoal.manifests.model.RollingUpdateDeployment;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentPlannerTest {

  private static final Map<String, String> APP = Map.of("app", "web");

  static Deployment deployment(
      int replicas, DeploymentStrategy strategy, String image, Integer historyLimit) {
    ObjectMeta meta = ObjectMeta.named("ns", "web").withUid("deploy-uid").withGeneration(1L);
    return new Deployment(
        meta,
        new DeploymentSpec(
            replicas,
            LabelSelector.matching(APP),
            TestObjects.template(APP, image),
            strategy,
            null,
            historyLimit,
            null,
            null),
        null);
  }

  static DeploymentStrategy rolling(IntOrString surge, IntOrString unavailable) {
    return new DeploymentStrategy("RollingUpdate", new RollingUpdateDeployment(surge, unavailable));
  }

  static Deployment withImage(Deployment d, String image) {
    PodTemplateSpec t = d.spec().template();
    PodSpec spec = t.spec().withContainers(List.of(Container.of("app", image)));
    return d.withSpec(d.spec().withTemplate(new PodTemplateSpec(t.metadata(), spec)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "percent rounding (surge up; unavailable down), 10, 25%, 25%, 3, 2",
    "defaults on 4,                               4, ,    ,    1, 1",
    "both zero means one unavailable,            5, 0,   0%,  0, 1",
    "absolute numbers,                           3, 2,   1,   2, 1"
  })
  void resolvesLimitsAsKubernetes(
      String name,
      int replicas,
      String surge,
      String unavailable,
      int wantSurge,
      int wantUnavailable) {
    RolloutLimits limits =
        RolloutLimits.of(
            deployment(replicas, rolling(parse(surge), parse(unavailable)), "a", null));
    assertEquals(new RolloutLimits(wantSurge, wantUnavailable), limits);
  }

  private static IntOrString parse(String value) {
    if (value == null) {
      return null;
    }
    return value.endsWith("%") ? IntOrString.of(value) : IntOrString.of(Integer.parseInt(value));
  }

  /**
   * Property: from a settled deployment, a template change under random limits and random readiness
   * never has more than replicas + maxSurge replicas asked for or pods, never fewer than replicas -
   * maxUnavailable ready pods, and converges to the new template only.
   */
  @Test
  void rollingUpdateKeepsItsBoundsAndConverges() {
    Random cases = new Random(42);
    for (int c = 0; c < 400; c++) {
      int replicas = 1 + cases.nextInt(10);
      IntOrString surge =
          cases.nextBoolean()
              ? IntOrString.of(cases.nextInt(4))
              : IntOrString.of(cases.nextInt(101) + "%");
      IntOrString unavailable =
          cases.nextBoolean()
              ? IntOrString.of(cases.nextInt(4))
              : IntOrString.of(cases.nextInt(101) + "%");
      Deployment d = deployment(replicas, rolling(surge, unavailable), "a", 2);
      RolloutLimits limits = RolloutLimits.of(d);
      String label =
          "case "
              + c
              + ": replicas "
              + replicas
              + " surge "
              + surge
              + " unavailable "
              + unavailable;
      RolloutSimulation sim = new RolloutSimulation(d, c);
      settle(sim, label);

      sim.deployment = withImage(sim.deployment, "b");
      double readyShare = 0.2 + cases.nextDouble() * 0.8;
      int steps = 0;
      boolean acted = true;
      while (acted || !sim.converged()) {
        acted = !sim.step(readyShare).actions().isEmpty();
        assertTrue(
            sim.totalSpecReplicas() <= replicas + limits.maxSurge(),
            label + ": asked for too many");
        assertTrue(sim.totalPods() <= replicas + limits.maxSurge(), label + ": too many pods");
        assertTrue(
            sim.availablePods() >= replicas - limits.maxUnavailable(),
            label + ": availability " + sim.availablePods() + " below floor");
        assertTrue(++steps < 500, label + ": did not converge");
      }
      sim.step(1.0);
      assertEquals(2, sim.sets.size(), label);
      assertEquals(
          "2", sim.newSet().metadata().annotations().get(DeploymentPlanner.REVISION), label);
      DeploymentCondition progressing = sim.deployment.status().conditions().get(1);
      assertEquals("NewReplicaSetAvailable", progressing.reason(), label);
    }
  }

  @Test
  void recreateNeverRunsOldAndNewPodsTogether() {
    Deployment d = deployment(3, new DeploymentStrategy("Recreate", null), "a", null);
    RolloutSimulation sim = new RolloutSimulation(d, 7);
    settle(sim, "recreate");
    sim.deployment = withImage(sim.deployment, "b");
    int steps = 0;
    while (!sim.converged()) {
      sim.step(0.5);
      ReplicaSet fresh = sim.newSet();
      long oldPods =
          sim.pods.entrySet().stream()
              .filter(e -> fresh == null || !e.getKey().equals(fresh.metadata().name()))
              .mapToLong(e -> e.getValue().size())
              .sum();
      long newPods =
          fresh == null ? 0 : sim.pods.getOrDefault(fresh.metadata().name(), List.of()).size();
      assertTrue(oldPods == 0 || newPods == 0, "old and new pods at once");
      assertTrue(++steps < 100);
    }
  }

  @Test
  void rollbackReusesTheOldSetWithTheNextRevisionAndHistoryIsTrimmed() {
    Deployment d = deployment(2, rolling(IntOrString.of(1), IntOrString.of(0)), "a", 1);
    RolloutSimulation sim = new RolloutSimulation(d, 3);
    settle(sim, "a");
    String setA = sim.newSet().metadata().name();
    assertTrue(setA.startsWith("web-"));
    assertEquals(
        "pod-template-hash",
        sim.newSet().spec().selector().matchLabels().keySet().stream()
            .filter(k -> !k.equals("app"))
            .findFirst()
            .orElseThrow());
    sim.deployment = withImage(sim.deployment, "b");
    settle(sim, "b");
    String setB = sim.newSet().metadata().name();
    assertNotEquals(setA, setB);
    sim.deployment = withImage(sim.deployment, "a");
    settle(sim, "back to a");
    assertEquals(setA, sim.newSet().metadata().name());
    assertEquals("3", sim.newSet().metadata().annotations().get(DeploymentPlanner.REVISION));
    assertEquals(3L, sim.step(1).revision());

    sim.deployment = withImage(sim.deployment, "c");
    settle(sim, "c");
    // History limit 1: of the old sets at 0 (a at revision 3 and b at revision 2), only the newest
    // stays.
    assertEquals(2, sim.sets.size());
    assertTrue(sim.sets.containsKey(setA));
  }

  private static void settle(RolloutSimulation sim, String label) {
    for (int i = 0; i < 200; i++) {
      DeploymentPlan plan = sim.step(1.0);
      if (plan.actions().isEmpty() && sim.converged()) {
        return;
      }
    }
    throw new AssertionError(label + ": did not settle");
  }
}
