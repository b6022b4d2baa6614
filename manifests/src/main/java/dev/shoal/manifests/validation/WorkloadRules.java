package dev.shoal.manifests.validation;

import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.DeploymentSpec;
import dev.shoal.manifests.model.DeploymentStrategy;
import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.LabelSelector;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.ReplicaSetSpec;
import dev.shoal.manifests.model.RollingUpdateDeployment;
import dev.shoal.manifests.selectors.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Replica sets and deployments: counts, a selector that selects the template's labels, the template
 * itself.
 */
final class WorkloadRules {
  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

  private WorkloadRules() {}

  static List<FieldError> replicaSet(ReplicaSetSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    Checks.nonNegative(errors, "spec.replicas", spec.replicas());
    Checks.nonNegative(errors, "spec.minReadySeconds", spec.minReadySeconds());
    selectorAndTemplate(errors, spec.selector(), spec.template(), "replica set");
    return errors;
  }

  static List<FieldError> deployment(DeploymentSpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    Checks.nonNegative(errors, "spec.replicas", spec.replicas());
    Checks.nonNegative(errors, "spec.minReadySeconds", spec.minReadySeconds());
    Checks.nonNegative(errors, "spec.revisionHistoryLimit", spec.revisionHistoryLimit());
    if (spec.progressDeadlineSeconds() != null) {
      Checks.atLeast(errors, "spec.progressDeadlineSeconds", spec.progressDeadlineSeconds(), 1);
      int minReady = spec.minReadySeconds() == null ? 0 : spec.minReadySeconds();
      if (spec.progressDeadlineSeconds() <= minReady) {
        errors.add(
            FieldError.invalid(
                "spec.progressDeadlineSeconds",
                spec.progressDeadlineSeconds() + ": must be greater than minReadySeconds"));
      }
    }
    strategy(errors, spec.strategy());
    selectorAndTemplate(errors, spec.selector(), spec.template(), "deployment");
    return errors;
  }

  static void selectorAndTemplate(
      List<FieldError> errors, LabelSelector selector, PodTemplateSpec template, String what) {
    boolean selectorOk = false;
    if (selector == null) {
      errors.add(FieldError.required("spec.selector", "must be specified"));
    } else {
      List<FieldError> selectorErrors = Selector.check(selector, "spec.selector");
      errors.addAll(selectorErrors);
      Result<Selector> compiled = Selector.fromLabelSelector(selector);
      if (selectorErrors.isEmpty() && compiled.value().matchesEverything()) {
        errors.add(FieldError.invalid("spec.selector", "empty selector is invalid for " + what));
      } else {
        selectorOk = selectorErrors.isEmpty();
      }
      if (selectorOk
          && template != null
          && template.metadata() != null
          && !compiled.value().matches(template.metadata().labelsOrEmpty())) {
        errors.add(
            FieldError.invalid(
                "spec.template.metadata.labels",
                "\"" + compiled.value() + "\": `selector` does not match template `labels`"));
      }
    }
    if (template == null) {
      errors.add(FieldError.required("spec.template", "must be specified"));
      return;
    }
    if (selectorOk && template.metadata() == null) {
      errors.add(
          FieldError.invalid(
              "spec.template.metadata.labels", "`selector` does not match template `labels`"));
    }
    if (template.metadata() != null) {
      Checks.labels(errors, "spec.template.metadata.labels", template.metadata().labels());
    }
    PodSpecRules.validate(errors, template.spec(), "spec.template.spec");
    if (template.spec() != null) {
      Checks.oneOf(
          errors,
          "spec.template.spec.restartPolicy",
          template.spec().restartPolicy(),
          List.of("Always"));
    }
  }

  private static void strategy(List<FieldError> errors, DeploymentStrategy strategy) {
    if (strategy == null) {
      return;
    }
    Checks.oneOf(
        errors, "spec.strategy.type", strategy.type(), List.of("Recreate", "RollingUpdate"));
    RollingUpdateDeployment ru = strategy.rollingUpdate();
    if (ru == null) {
      return;
    }
    if ("Recreate".equals(strategy.type())) {
      errors.add(
          FieldError.forbidden(
              "spec.strategy.rollingUpdate",
              "may not be specified when strategy `type` is 'Recreate'"));
      return;
    }
    boolean surgeOk = countOrPercent(errors, "spec.strategy.rollingUpdate.maxSurge", ru.maxSurge());
    boolean unavailableOk =
        countOrPercent(errors, "spec.strategy.rollingUpdate.maxUnavailable", ru.maxUnavailable());
    if (unavailableOk
        && ru.maxUnavailable() != null
        && !ru.maxUnavailable().isInt()
        && percent(ru.maxUnavailable()) > 100) {
      errors.add(
          FieldError.invalid(
              "spec.strategy.rollingUpdate.maxUnavailable",
              "\"" + ru.maxUnavailable() + "\": must not be greater than 100%"));
    }
    if (surgeOk && unavailableOk && isZero(ru.maxSurge()) && isZero(ru.maxUnavailable())) {
      errors.add(
          FieldError.invalid(
              "spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0"));
    }
  }

  static boolean countOrPercent(List<FieldError> errors, String at, IntOrString value) {
    if (value == null) {
      return true;
    }
    if (value.isInt()) {
      int before = errors.size();
      Checks.nonNegative(errors, at, value.intValue());
      return errors.size() == before;
    }
    if (!PERCENT.matcher(value.stringValue()).matches()) {
      errors.add(
          FieldError.invalid(
              at, "\"" + value + "\": must be an integer or percentage (e.g. '5%')"));
      return false;
    }
    return true;
  }

  static int percent(IntOrString value) {
    String digits = value.stringValue().substring(0, value.stringValue().length() - 1);
    return digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  /** Absent counts as zero only where Kubernetes' defaults (25%) do not apply, i.e. never. */
  static boolean isZero(IntOrString value) {
    return value != null && (value.isInt() ? value.intValue() == 0 : percent(value) == 0);
  }
}
