package dev.shoal.manifests.validation;

import dev.shoal.manifests.Result;
import dev.shoal.manifests.model.CrossVersionObjectReference;
import dev.shoal.manifests.model.HPAScalingPolicy;
import dev.shoal.manifests.model.HPAScalingRules;
import dev.shoal.manifests.model.HorizontalPodAutoscalerBehavior;
import dev.shoal.manifests.model.HorizontalPodAutoscalerSpec;
import dev.shoal.manifests.model.HorizontalPodAutoscalerStatus;
import dev.shoal.manifests.model.MetricIdentifier;
import dev.shoal.manifests.model.MetricSpec;
import dev.shoal.manifests.model.MetricTarget;
import dev.shoal.manifests.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Horizontal pod autoscalers, with upstream's rules and messages: replica bounds, the scale target,
 * each metric (exactly its type's source, a target of the right form), and the behavior's windows
 * and policies.
 */
final class HpaRules {
  static final int MAX_PERIOD_SECONDS = 1800;
  static final int MAX_STABILIZATION_WINDOW_SECONDS = 3600;
  private static final List<String> SOURCE_TYPES =
      List.of(
          MetricSpec.CONTAINER_RESOURCE,
          MetricSpec.EXTERNAL,
          MetricSpec.OBJECT,
          MetricSpec.PODS,
          MetricSpec.RESOURCE);

  private HpaRules() {}

  static List<FieldError> validate(
      HorizontalPodAutoscalerSpec spec, HorizontalPodAutoscalerStatus status) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    Integer min = spec.minReplicas();
    if (min != null && min < 1) {
      errors.add(
          FieldError.invalid("spec.minReplicas", min + ": must be greater than or equal to 1"));
    }
    int max = spec.maxReplicas() == null ? 0 : spec.maxReplicas();
    if (max < 1) {
      errors.add(FieldError.invalid("spec.maxReplicas", max + ": must be greater than 0"));
    }
    if (min != null && max < min) {
      errors.add(
          FieldError.invalid(
              "spec.maxReplicas", max + ": must be greater than or equal to `minReplicas`"));
    }
    reference(errors, "spec.scaleTargetRef", spec.scaleTargetRef());
    List<MetricSpec> metrics = spec.metricsOrEmpty();
    for (int i = 0; i < metrics.size(); i++) {
      metric(errors, Checks.index("spec.metrics", i), metrics.get(i));
    }
    behavior(errors, spec.behavior());
    if (status != null) {
      Checks.nonNegative(errors, "status.currentReplicas", status.currentReplicas());
      Checks.nonNegative(errors, "status.desiredReplicas", status.desiredReplicas());
    }
    return errors;
  }

  static void reference(List<FieldError> errors, String at, CrossVersionObjectReference ref) {
    String kind = ref == null ? null : ref.kind();
    String name = ref == null ? null : ref.name();
    pathSegment(errors, at + ".kind", kind);
    pathSegment(errors, at + ".name", name);
  }

  /** Upstream's IsValidPathSegmentName: required, not "." or "..", no '/' or '%'. */
  private static void pathSegment(List<FieldError> errors, String at, String value) {
    if (value == null || value.isEmpty()) {
      errors.add(FieldError.required(at, "must be specified"));
    } else if (value.equals(".") || value.equals("..")) {
      errors.add(FieldError.invalid(at, "\"" + value + "\": may not be '" + value + "'"));
    } else if (value.contains("/") || value.contains("%")) {
      errors.add(
          FieldError.invalid(
              at,
              "\"" + value + "\": may not contain '" + (value.contains("/") ? "/" : "%") + "'"));
    }
  }

  private static void metric(List<FieldError> errors, String at, MetricSpec spec) {
    String type = spec.type();
    if (type == null || type.isEmpty()) {
      errors.add(FieldError.required(at + ".type", "must specify a metric source type"));
    } else {
      Checks.oneOf(errors, at + ".type", type, SOURCE_TYPES);
    }
    Set<String> present = new LinkedHashSet<>();
    if (spec.object() != null) {
      present.add("object");
      if (present.size() == 1) {
        reference(errors, at + ".object.describedObject", spec.object().describedObject());
        identifier(errors, at + ".object.metric", spec.object().metric());
        target(errors, at + ".object.target", spec.object().target());
        if (spec.object().target() != null
            && spec.object().target().value() == null
            && spec.object().target().averageValue() == null) {
          errors.add(
              FieldError.required(
                  at + ".object.target.averageValue",
                  "must set either a target value or averageValue"));
        }
      }
    }
    if (spec.pods() != null) {
      present.add("pods");
      if (present.size() == 1) {
        identifier(errors, at + ".pods.metric", spec.pods().metric());
        target(errors, at + ".pods.target", spec.pods().target());
        if (spec.pods().target() != null && spec.pods().target().averageValue() == null) {
          errors.add(
              FieldError.required(
                  at + ".pods.target.averageValue", "must specify a positive target averageValue"));
        }
      }
    }
    if (spec.resource() != null) {
      present.add("resource");
      if (present.size() == 1) {
        resource(errors, at + ".resource", spec.resource().name(), spec.resource().target());
      }
    }
    if (spec.containerResource() != null) {
      present.add("containerResource");
      if (present.size() == 1) {
        String cat = at + ".containerResource";
        resource(errors, cat, spec.containerResource().name(), spec.containerResource().target());
        String container = spec.containerResource().container();
        if (container == null || container.isEmpty()) {
          errors.add(FieldError.required(cat + ".container", "must specify a container"));
        } else {
          Checks.name(errors, cat + ".container", container, Names::dns1123Label);
        }
      }
    }
    if (spec.external() != null) {
      present.add("external");
      if (present.size() == 1) {
        identifier(errors, at + ".external.metric", spec.external().metric());
        target(errors, at + ".external.target", spec.external().target());
        if (spec.external().target() != null
            && spec.external().target().value() == null
            && spec.external().target().averageValue() == null) {
          errors.add(
              FieldError.required(
                  at + ".external.target.averageValue",
                  "must set either a target value for metric or a per-pod target"));
        }
      }
    }
    if (type == null || type.isEmpty()) {
      return;
    }
    String expected = Character.toLowerCase(type.charAt(0)) + type.substring(1);
    if (!present.contains(expected)) {
      errors.add(
          FieldError.required(
              at + "." + expected, "must populate information for the given metric source"));
    }
    if (present.size() > 1) {
      present.remove(expected);
      for (String other : present) {
        errors.add(
            FieldError.forbidden(at + "." + other, "must populate the given metric source only"));
      }
    }
  }

  private static void resource(
      List<FieldError> errors, String at, String name, MetricTarget target) {
    if (name == null || name.isEmpty()) {
      errors.add(FieldError.required(at + ".name", "must specify a resource name"));
    } else {
      Checks.name(errors, at + ".name", name, Names::qualifiedName);
    }
    target(errors, at + ".target", target);
    if (target != null && target.averageUtilization() == null && target.averageValue() == null) {
      errors.add(
          FieldError.required(
              at + ".target.averageUtilization",
              "must set either a target raw value or a target utilization"));
    }
    if (target != null && target.averageUtilization() != null && target.averageValue() != null) {
      errors.add(
          FieldError.forbidden(
              at + ".target.averageValue",
              "may not set both a target raw value and a target utilization"));
    }
  }

  private static void identifier(List<FieldError> errors, String at, MetricIdentifier metric) {
    if (metric == null || metric.name() == null || metric.name().isEmpty()) {
      errors.add(FieldError.required(at + ".name", "must specify a metric name"));
    } else {
      pathSegment(errors, at + ".name", metric.name());
    }
  }

  private static void target(List<FieldError> errors, String at, MetricTarget target) {
    if (target == null) {
      errors.add(FieldError.required(at + ".type", "must specify a metric target type"));
      return;
    }
    if (target.type() == null || target.type().isEmpty()) {
      errors.add(FieldError.required(at + ".type", "must specify a metric target type"));
    } else if (!List.of(MetricTarget.UTILIZATION, MetricTarget.VALUE, MetricTarget.AVERAGE_VALUE)
        .contains(target.type())) {
      errors.add(
          FieldError.invalid(
              at + ".type",
              "\"" + target.type() + "\": must be either Utilization, Value, or AverageValue"));
    }
    positive(errors, at + ".value", target.value());
    positive(errors, at + ".averageValue", target.averageValue());
    if (target.averageUtilization() != null && target.averageUtilization() < 1) {
      errors.add(
          FieldError.invalid(
              at + ".averageUtilization",
              target.averageUtilization() + ": must be greater than 0"));
    }
  }

  private static void positive(List<FieldError> errors, String at, String quantity) {
    if (quantity == null) {
      return;
    }
    Result<Quantity> q = Quantity.parse(quantity);
    if (!q.isOk()) {
      errors.add(FieldError.invalid(at, "\"" + quantity + "\": " + q.error()));
    } else if (q.value().amount().signum() != 1) {
      errors.add(FieldError.invalid(at, "\"" + quantity + "\": must be positive"));
    }
  }

  private static void behavior(List<FieldError> errors, HorizontalPodAutoscalerBehavior behavior) {
    if (behavior == null) {
      return;
    }
    if (behavior.scaleUp() != null) {
      rules(errors, "spec.behavior.scaleUp", behavior.scaleUp());
    }
    if (behavior.scaleDown() != null) {
      rules(errors, "spec.behavior.scaleDown", behavior.scaleDown());
    }
  }

  private static void rules(List<FieldError> errors, String at, HPAScalingRules rules) {
    Integer window = rules.stabilizationWindowSeconds();
    if (window != null && window < 0) {
      errors.add(
          FieldError.invalid(
              at + ".stabilizationWindowSeconds",
              window + ": must be greater than or equal to zero"));
    }
    if (window != null && window > MAX_STABILIZATION_WINDOW_SECONDS) {
      errors.add(
          FieldError.invalid(
              at + ".stabilizationWindowSeconds",
              window + ": must be less than or equal to " + MAX_STABILIZATION_WINDOW_SECONDS));
    }
    Checks.oneOf(
        errors,
        at + ".selectPolicy",
        rules.selectPolicy(),
        List.of(HPAScalingRules.DISABLED, HPAScalingRules.MAX, HPAScalingRules.MIN));
    List<HPAScalingPolicy> policies = rules.policies() == null ? List.of() : rules.policies();
    if (policies.isEmpty()) {
      errors.add(FieldError.required(at + ".policies", "must specify at least one Policy"));
    }
    for (int i = 0; i < policies.size(); i++) {
      policy(errors, Checks.index(at + ".policies", i), policies.get(i));
    }
  }

  private static void policy(List<FieldError> errors, String at, HPAScalingPolicy policy) {
    if (policy.type() == null || policy.type().isEmpty()) {
      errors.add(FieldError.required(at + ".type", "must be specified"));
    } else {
      Checks.oneOf(
          errors,
          at + ".type",
          policy.type(),
          List.of(HPAScalingPolicy.PERCENT, HPAScalingPolicy.PODS));
    }
    int value = policy.value() == null ? 0 : policy.value();
    if (value <= 0) {
      errors.add(FieldError.invalid(at + ".value", value + ": must be greater than zero"));
    }
    int period = policy.periodSeconds() == null ? 0 : policy.periodSeconds();
    if (period <= 0) {
      errors.add(FieldError.invalid(at + ".periodSeconds", period + ": must be greater than zero"));
    } else if (period > MAX_PERIOD_SECONDS) {
      errors.add(
          FieldError.invalid(
              at + ".periodSeconds",
              period + ": must be less than or equal to " + MAX_PERIOD_SECONDS));
    }
  }
}
