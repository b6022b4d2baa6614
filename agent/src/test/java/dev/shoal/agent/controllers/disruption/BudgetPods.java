package dev.shoal.agent.controllers.disruption;

import dev.shoal.manifests.model.Container;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodCondition;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.PodDisruptionBudgetSpec;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Budgets and pods for the disruption tests, in namespace {@code ns}, labelled {@code app: web}.
 */
public final class BudgetPods {

  public static final String NS = "ns";

  private BudgetPods() {}

  public static PodDisruptionBudget minAvailable(IntOrString value) {
    return budget(new PodDisruptionBudgetSpec(value, selector(), null, null));
  }

  public static PodDisruptionBudget maxUnavailable(IntOrString value) {
    return budget(new PodDisruptionBudgetSpec(null, selector(), value, null));
  }

  public static PodDisruptionBudget budget(PodDisruptionBudgetSpec spec) {
    return new PodDisruptionBudget(ObjectMeta.named(NS, "pdb").withGeneration(1L), spec, null);
  }

  public static LabelSelector selector() {
    return new LabelSelector(Map.of("app", "web"), null);
  }

  /** A running pod, ready or not, optionally owned by {@code owner}. */
  public static Pod pod(String name, boolean ready, OwnerReference owner) {
    ObjectMeta meta = ObjectMeta.named(NS, name).withLabels(Map.of("app", "web"));
    if (owner != null) {
      meta = meta.withOwnerReferences(List.of(owner));
    }
    PodStatus status =
        PodStatus.phase("Running")
            .withConditions(
                List.of(
                    new PodCondition(
                        "Ready", ready ? "True" : "False", null, null, null, Instant.EPOCH)));
    return new Pod(
        meta, PodSpec.of(List.of(Container.of("c", "busybox"))).withNodeName("h1"), status);
  }

  public static Pod pod(String name, boolean ready) {
    return pod(name, ready, null);
  }
}
