package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.PodDisruptionBudget;
import dev.shoal.manifests.model.PodDisruptionBudgetSpec;
import dev.shoal.manifests.model.PodDisruptionBudgetStatus;
import dev.shoal.manifests.selectors.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * Pod disruption budgets as upstream checks them: not both of minAvailable and maxUnavailable, each
 * a non-negative count or a percentage up to 100%, a valid selector (absent selects no pod), a
 * known unhealthyPodEvictionPolicy, and non-negative counts in the status.
 */
final class DisruptionBudgetRules {

  private DisruptionBudgetRules() {}

  static List<FieldError> budget(PodDisruptionBudget pdb) {
    List<FieldError> errors = new ArrayList<>();
    PodDisruptionBudgetSpec spec = pdb.spec();
    if (spec != null) {
      spec(errors, spec);
    }
    if (pdb.status() != null) {
      status(errors, pdb.status());
    }
    return errors;
  }

  private static void spec(List<FieldError> errors, PodDisruptionBudgetSpec spec) {
    if (spec.minAvailable() != null && spec.maxUnavailable() != null) {
      errors.add(FieldError.invalid("spec", "minAvailable and maxUnavailable cannot be both set"));
    }
    limit(errors, "spec.minAvailable", spec.minAvailable());
    limit(errors, "spec.maxUnavailable", spec.maxUnavailable());
    if (spec.selector() != null) {
      errors.addAll(Selector.check(spec.selector(), "spec.selector"));
    }
    if (spec.unhealthyPodEvictionPolicy() != null) {
      Checks.oneOf(
          errors,
          "spec.unhealthyPodEvictionPolicy",
          spec.unhealthyPodEvictionPolicy(),
          List.of(PodDisruptionBudgetSpec.ALWAYS_ALLOW, PodDisruptionBudgetSpec.IF_HEALTHY_BUDGET));
    }
  }

  private static void limit(List<FieldError> errors, String at, IntOrString value) {
    if (WorkloadRules.countOrPercent(errors, at, value)
        && value != null
        && !value.isInt()
        && WorkloadRules.percent(value) > 100) {
      errors.add(FieldError.invalid(at, "\"" + value + "\": must not be greater than 100%"));
    }
  }

  private static void status(List<FieldError> errors, PodDisruptionBudgetStatus status) {
    Checks.nonNegative(errors, "status.disruptionsAllowed", status.disruptionsAllowed());
    Checks.nonNegative(errors, "status.currentHealthy", status.currentHealthy());
    Checks.nonNegative(errors, "status.desiredHealthy", status.desiredHealthy());
    Checks.nonNegative(errors, "status.expectedPods", status.expectedPods());
  }
}
