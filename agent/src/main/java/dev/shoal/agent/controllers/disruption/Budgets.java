package dev.shoal.agent.controllers.disruption;

import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.selectors.Selector;
import java.util.Objects;

/**
 * Which pods a budget covers (policy/v1): those of its namespace its selector matches. A budget
 * without a selector covers none; an empty selector ({@code {}}) covers every pod of the namespace.
 */
public final class Budgets {

  private Budgets() {}

  public static boolean selects(PodDisruptionBudget pdb, Pod pod) {
    if (pdb.spec() == null
        || pdb.spec().selector() == null
        || !Objects.equals(pdb.metadata().namespace(), pod.metadata().namespace())) {
      return false;
    }
    var compiled = Selector.fromLabelSelector(pdb.spec().selector());
    return compiled.isOk() && compiled.value().matches(pod.metadata().labelsOrEmpty());
  }
}
