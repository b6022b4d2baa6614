package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.IntOrString;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.RollingUpdateStatefulSetStrategy;
import dev.shoal.manifests.model.StatefulSetPersistentVolumeClaimRetentionPolicy;
import dev.shoal.manifests.model.StatefulSetSpec;
import dev.shoal.manifests.model.StatefulSetUpdateStrategy;
import dev.shoal.manifests.model.Volume;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Stateful sets as upstream checks them: selector and template as for replica sets, the pod
 * management policy, the update strategy (partition, maxUnavailable), the claim templates (each a
 * valid claim, names unique) and the retention policy; an update may change only the replicas,
 * ordinals, template, update strategy, history limit, retention policy and minReadySeconds.
 */
final class StatefulSetRules {
  private static final String ROLLING = "spec.updateStrategy.rollingUpdate";
  private static final List<String> RETENTION =
      List.of(
          StatefulSetPersistentVolumeClaimRetentionPolicy.RETAIN,
          StatefulSetPersistentVolumeClaimRetentionPolicy.DELETE);

  private StatefulSetRules() {}

  static List<FieldError> statefulSet(StatefulSetSpec spec) {
    List<FieldError> errors = new java.util.ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return errors;
    }
    Checks.nonNegative(errors, "spec.replicas", spec.replicas());
    Checks.nonNegative(errors, "spec.minReadySeconds", spec.minReadySeconds());
    Checks.nonNegative(errors, "spec.revisionHistoryLimit", spec.revisionHistoryLimit());
    if (spec.ordinals() != null) {
      Checks.nonNegative(errors, "spec.ordinals.start", spec.ordinals().start());
    }
    Checks.oneOf(
        errors,
        "spec.podManagementPolicy",
        spec.podManagementPolicy(),
        List.of(StatefulSetSpec.ORDERED_READY, StatefulSetSpec.PARALLEL));
    if (spec.serviceName() != null && !spec.serviceName().isEmpty()) {
      Checks.name(errors, "spec.serviceName", spec.serviceName(), Names::dns1035Label);
    }
    strategy(errors, spec.updateStrategy());
    var retention = spec.persistentVolumeClaimRetentionPolicy();
    if (retention != null) {
      Checks.oneOf(
          errors,
          "spec.persistentVolumeClaimRetentionPolicy.whenDeleted",
          retention.whenDeleted(),
          RETENTION);
      Checks.oneOf(
          errors,
          "spec.persistentVolumeClaimRetentionPolicy.whenScaled",
          retention.whenScaled(),
          RETENTION);
    }
    claimTemplates(errors, spec.volumeClaimTemplatesOrEmpty());
    WorkloadRules.selectorAndTemplate(
        errors, spec.selector(), withClaimVolumes(spec), "statefulset");
    return errors;
  }

  /**
   * The template as its pods get it: each claim template a volume of its name, so mounts of it are
   * valid.
   */
  private static PodTemplateSpec withClaimVolumes(StatefulSetSpec spec) {
    PodTemplateSpec t = spec.template();
    if (t == null || t.spec() == null || spec.volumeClaimTemplatesOrEmpty().isEmpty()) {
      return t;
    }
    List<Volume> volumes = new ArrayList<>(t.spec().volumesOrEmpty());
    for (PersistentVolumeClaim c : spec.volumeClaimTemplatesOrEmpty()) {
      String name = c.metadata() == null ? null : c.metadata().name();
      if (name != null && volumes.stream().noneMatch(v -> name.equals(v.name()))) {
        volumes.add(Volume.claim(name, name));
      }
    }
    return new PodTemplateSpec(t.metadata(), t.spec().withVolumes(volumes));
  }

  private static void claimTemplates(List<FieldError> errors, List<PersistentVolumeClaim> claims) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < claims.size(); i++) {
      String at = Checks.index("spec.volumeClaimTemplates", i);
      PersistentVolumeClaim claim = claims.get(i);
      String name = claim.metadata() == null ? null : claim.metadata().name();
      Checks.required(errors, at + ".metadata.name", name);
      Checks.name(errors, at + ".metadata.name", name, Names::dns1123Subdomain);
      if (Checks.present(name) && !names.add(name)) {
        errors.add(FieldError.duplicate(at + ".metadata.name", "\"" + name + "\""));
      }
      StorageRules.claimSpec(errors, claim.spec(), at + ".spec");
    }
  }

  private static void strategy(List<FieldError> errors, StatefulSetUpdateStrategy strategy) {
    if (strategy == null) {
      return;
    }
    Checks.oneOf(
        errors,
        "spec.updateStrategy.type",
        strategy.type(),
        List.of(StatefulSetUpdateStrategy.ROLLING_UPDATE, StatefulSetUpdateStrategy.ON_DELETE));
    RollingUpdateStatefulSetStrategy ru = strategy.rollingUpdate();
    if (ru == null) {
      return;
    }
    if (strategy.isOnDelete()) {
      errors.add(FieldError.invalid(ROLLING, "only allowed for updateStrategy 'RollingUpdate'"));
      return;
    }
    Checks.nonNegative(errors, ROLLING + ".partition", ru.partition());
    IntOrString max = ru.maxUnavailable();
    if (max != null && WorkloadRules.countOrPercent(errors, ROLLING + ".maxUnavailable", max)) {
      if (WorkloadRules.isZero(max)) {
        errors.add(FieldError.invalid(ROLLING + ".maxUnavailable", "must be greater than 0"));
      } else if (!max.isInt() && WorkloadRules.percent(max) > 100) {
        errors.add(
            FieldError.invalid(
                ROLLING + ".maxUnavailable", "\"" + max + "\": must not be greater than 100%"));
      }
    }
  }

  /** The fields an update may not change. */
  static void update(List<FieldError> errors, StatefulSetSpec old, StatefulSetSpec updated) {
    if (old == null || updated == null) {
      return;
    }
    StatefulSetSpec comparable =
        new StatefulSetSpec(
            old.replicas(),
            updated.selector(),
            old.template(),
            updated.volumeClaimTemplates(),
            updated.serviceName(),
            updated.podManagementPolicy(),
            old.updateStrategy(),
            old.revisionHistoryLimit(),
            old.minReadySeconds(),
            old.persistentVolumeClaimRetentionPolicy(),
            old.ordinals());
    if (!Objects.equals(comparable, old)) {
      errors.add(
          FieldError.forbidden(
              "spec",
              "updates to statefulset spec for fields other than 'replicas', 'ordinals',"
                  + " 'template', 'updateStrategy', 'revisionHistoryLimit',"
                  + " 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
    }
  }
}
