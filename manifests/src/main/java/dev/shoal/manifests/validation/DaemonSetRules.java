package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.DaemonSetSpec;
import dev.shoal.manifests.model.DaemonSetUpdateStrategy;
import dev.shoal.manifests.model.RollingUpdateDaemonSet;
import java.util.List;

/** Daemon sets: selector and template as for replica sets, the update strategy and its limits. */
final class DaemonSetRules {
  private static final String ROLLING = "spec.updateStrategy.rollingUpdate";

  private DaemonSetRules() {}

  static List<FieldError> daemonSet(DaemonSetSpec spec) {
    List<FieldError> errors = new java.util.ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    Checks.nonNegative(errors, "spec.minReadySeconds", spec.minReadySeconds());
    Checks.nonNegative(errors, "spec.revisionHistoryLimit", spec.revisionHistoryLimit());
    strategy(errors, spec.updateStrategy());
    WorkloadRules.selectorAndTemplate(errors, spec.selector(), spec.template(), "daemon set");
    return errors;
  }

  private static void strategy(List<FieldError> errors, DaemonSetUpdateStrategy strategy) {
    if (strategy == null) {
      return;
    }
    Checks.oneOf(
        errors,
        "spec.updateStrategy.type",
        strategy.type(),
        List.of(DaemonSetUpdateStrategy.ROLLING_UPDATE, DaemonSetUpdateStrategy.ON_DELETE));
    RollingUpdateDaemonSet ru = strategy.rollingUpdate();
    if (ru == null) {
      return;
    }
    if (DaemonSetUpdateStrategy.ON_DELETE.equals(strategy.type())) {
      errors.add(
          FieldError.forbidden(ROLLING, "may not be specified when strategy `type` is 'OnDelete'"));
      return;
    }
    boolean unavailableOk =
        WorkloadRules.countOrPercent(errors, ROLLING + ".maxUnavailable", ru.maxUnavailable());
    boolean surgeOk = WorkloadRules.countOrPercent(errors, ROLLING + ".maxSurge", ru.maxSurge());
    notOverAll(errors, ROLLING + ".maxUnavailable", ru.maxUnavailable(), unavailableOk);
    notOverAll(errors, ROLLING + ".maxSurge", ru.maxSurge(), surgeOk);
    if (!unavailableOk || !surgeOk) {
      return;
    }
    boolean unavailableZero =
        ru.maxUnavailable() != null && WorkloadRules.isZero(ru.maxUnavailable());
    boolean surgeZero = ru.maxSurge() == null || WorkloadRules.isZero(ru.maxSurge());
    if (unavailableZero && surgeZero) {
      errors.add(
          FieldError.invalid(ROLLING + ".maxUnavailable", "may not be 0 when `maxSurge` is 0"));
    }
  }

  private static void notOverAll(
      List<FieldError> errors, String at, dev.shoal.manifests.model.IntOrString limit, boolean ok) {
    if (ok && limit != null && !limit.isInt() && WorkloadRules.percent(limit) > 100) {
      errors.add(FieldError.invalid(at, "\"" + limit + "\": must not be greater than 100%"));
    }
  }
}
