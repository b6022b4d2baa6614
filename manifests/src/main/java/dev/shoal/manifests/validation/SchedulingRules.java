package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.NodeSelector;
import dev.shoal.manifests.model.NodeSelectorRequirement;
import dev.shoal.manifests.model.NodeSelectorTerm;
import dev.shoal.manifests.model.Toleration;
import dev.shoal.manifests.selectors.NodeAffinityMatch;
import java.util.List;

/** A pod's placement rules: tolerations and required node affinity, checked as upstream does. */
final class SchedulingRules {
  static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");
  private static final List<String> NODE_OPERATORS =
      List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");

  private SchedulingRules() {}

  static void tolerations(List<FieldError> errors, List<Toleration> tolerations, String at) {
    if (tolerations == null) {
      return;
    }
    for (int i = 0; i < tolerations.size(); i++) {
      toleration(errors, tolerations.get(i), Checks.index(at, i));
    }
  }

  private static void toleration(List<FieldError> errors, Toleration t, String at) {
    boolean keyGiven = Checks.present(t.key());
    if (keyGiven) {
      Checks.name(errors, at + ".key", t.key(), Names::qualifiedName);
    } else if (!Toleration.EXISTS.equals(t.operator())) {
      errors.add(
          FieldError.invalid(
              at + ".operator",
              "\""
                  + (t.operator() == null ? "" : t.operator())
                  + "\": operator must be Exists when `key` is empty, which means \"match all"
                  + " values and all keys\""));
    }
    if (t.tolerationSeconds() != null && !"NoExecute".equals(t.effect())) {
      errors.add(
          FieldError.invalid(
              at + ".effect",
              "\""
                  + (t.effect() == null ? "" : t.effect())
                  + "\": effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (t.operator() == null || t.operator().isEmpty() || Toleration.EQUAL.equals(t.operator())) {
      Checks.name(errors, at + ".operator", t.value(), Names::labelValue);
    } else if (Toleration.EXISTS.equals(t.operator())) {
      if (Checks.present(t.value())) {
        errors.add(
            FieldError.invalid(
                at + ".operator", "value must be empty when `operator` is 'Exists'"));
      }
    } else {
      Checks.oneOf(errors, at + ".operator", t.operator(), TOLERATION_OPERATORS);
    }
    if (Checks.present(t.effect())) {
      Checks.oneOf(errors, at + ".effect", t.effect(), EFFECTS);
    }
  }

  static void requiredNodeAffinity(List<FieldError> errors, NodeSelector required, String at) {
    if (required == null) {
      return;
    }
    List<NodeSelectorTerm> terms = required.termsOrEmpty();
    if (terms.isEmpty()) {
      errors.add(
          FieldError.required(
              at + ".nodeSelectorTerms", "must have at least one node selector term"));
    }
    for (int i = 0; i < terms.size(); i++) {
      String termAt = Checks.index(at + ".nodeSelectorTerms", i);
      List<NodeSelectorRequirement> expressions = terms.get(i).expressionsOrEmpty();
      for (int j = 0; j < expressions.size(); j++) {
        expression(errors, expressions.get(j), Checks.index(termAt + ".matchExpressions", j));
      }
      List<NodeSelectorRequirement> fields = terms.get(i).fieldsOrEmpty();
      for (int j = 0; j < fields.size(); j++) {
        field(errors, fields.get(j), Checks.index(termAt + ".matchFields", j));
      }
    }
  }

  private static void expression(List<FieldError> errors, NodeSelectorRequirement r, String at) {
    Checks.required(errors, at + ".key", r.key());
    if (Checks.present(r.key())) {
      Checks.name(errors, at + ".key", r.key(), Names::qualifiedName);
    }
    Checks.required(errors, at + ".operator", r.operator());
    Checks.oneOf(errors, at + ".operator", r.operator(), NODE_OPERATORS);
    List<String> values = r.valuesOrEmpty();
    switch (String.valueOf(r.operator())) {
      case "In", "NotIn" -> {
        if (values.isEmpty()) {
          errors.add(
              FieldError.required(
                  at + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!values.isEmpty()) {
          errors.add(
              FieldError.forbidden(
                  at + ".values",
                  "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        }
      }
      case "Gt", "Lt" -> {
        if (values.size() != 1) {
          errors.add(
              FieldError.required(
                  at + ".values",
                  "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        } else if (!values.get(0).matches("-?[0-9]{1,18}")) {
          errors.add(
              FieldError.invalid(
                  Checks.index(at + ".values", 0),
                  "\"" + values.get(0) + "\": must be an integer"));
        }
      }
      default -> {}
    }
    for (int k = 0; k < values.size(); k++) {
      Checks.name(errors, Checks.index(at + ".values", k), values.get(k), Names::labelValue);
    }
  }

  private static void field(List<FieldError> errors, NodeSelectorRequirement r, String at) {
    if (!NodeAffinityMatch.NAME_FIELD.equals(r.key())) {
      errors.add(
          FieldError.invalid(
              at + ".key",
              "\"" + r.key() + "\": not a valid field selector key; supported: metadata.name"));
    }
    Checks.oneOf(errors, at + ".operator", r.operator(), List.of("In", "NotIn"));
    Checks.required(errors, at + ".operator", r.operator());
    if (r.valuesOrEmpty().size() != 1) {
      errors.add(
          FieldError.required(
              at + ".values",
              "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  }
}
