package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How many pods a stateful set keeps, their template and claim templates, the headless service that
 * gives them DNS names, whether they start in order, and how they are replaced.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatefulSetSpec(
    Integer replicas,
    LabelSelector selector,
    PodTemplateSpec template,
    List<PersistentVolumeClaim> volumeClaimTemplates,
    String serviceName,
    String podManagementPolicy,
    StatefulSetUpdateStrategy updateStrategy,
    Integer revisionHistoryLimit,
    Integer minReadySeconds,
    StatefulSetPersistentVolumeClaimRetentionPolicy persistentVolumeClaimRetentionPolicy,
    StatefulSetOrdinals ordinals) {
  public static final String ORDERED_READY = "OrderedReady";
  public static final String PARALLEL = "Parallel";

  public StatefulSetSpec withReplicas(Integer value) {
    return new StatefulSetSpec(
        value,
        selector,
        template,
        volumeClaimTemplates,
        serviceName,
        podManagementPolicy,
        updateStrategy,
        revisionHistoryLimit,
        minReadySeconds,
        persistentVolumeClaimRetentionPolicy,
        ordinals);
  }

  public StatefulSetSpec withTemplate(PodTemplateSpec value) {
    return new StatefulSetSpec(
        replicas,
        selector,
        value,
        volumeClaimTemplates,
        serviceName,
        podManagementPolicy,
        updateStrategy,
        revisionHistoryLimit,
        minReadySeconds,
        persistentVolumeClaimRetentionPolicy,
        ordinals);
  }

  public StatefulSetSpec withUpdateStrategy(StatefulSetUpdateStrategy value) {
    return new StatefulSetSpec(
        replicas,
        selector,
        template,
        volumeClaimTemplates,
        serviceName,
        podManagementPolicy,
        value,
        revisionHistoryLimit,
        minReadySeconds,
        persistentVolumeClaimRetentionPolicy,
        ordinals);
  }

  public StatefulSetSpec withPodManagementPolicy(String value) {
    return new StatefulSetSpec(
        replicas,
        selector,
        template,
        volumeClaimTemplates,
        serviceName,
        value,
        updateStrategy,
        revisionHistoryLimit,
        minReadySeconds,
        persistentVolumeClaimRetentionPolicy,
        ordinals);
  }

  public StatefulSetSpec withRetentionPolicy(
      StatefulSetPersistentVolumeClaimRetentionPolicy value) {
    return new StatefulSetSpec(
        replicas,
        selector,
        template,
        volumeClaimTemplates,
        serviceName,
        podManagementPolicy,
        updateStrategy,
        revisionHistoryLimit,
        minReadySeconds,
        value,
        ordinals);
  }

  public int replicasOrDefault() {
    return replicas == null ? 1 : replicas;
  }

  public List<PersistentVolumeClaim> volumeClaimTemplatesOrEmpty() {
    return volumeClaimTemplates == null ? List.of() : volumeClaimTemplates;
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isParallel() {
    return PARALLEL.equals(podManagementPolicy);
  }

  public int minReadySecondsOrDefault() {
    return minReadySeconds == null ? 0 : minReadySeconds;
  }

  public int revisionHistoryLimitOrDefault() {
    return revisionHistoryLimit == null ? 10 : revisionHistoryLimit;
  }

  /** The first ordinal ({@code ordinals.start}, 0 by default). */
  public int startOrdinal() {
    return ordinals == null || ordinals.start() == null ? 0 : ordinals.start();
  }

  public String whenDeleted() {
    return persistentVolumeClaimRetentionPolicy == null
            || persistentVolumeClaimRetentionPolicy.whenDeleted() == null
        ? StatefulSetPersistentVolumeClaimRetentionPolicy.RETAIN
        : persistentVolumeClaimRetentionPolicy.whenDeleted();
  }

  public String whenScaled() {
    return persistentVolumeClaimRetentionPolicy == null
            || persistentVolumeClaimRetentionPolicy.whenScaled() == null
        ? StatefulSetPersistentVolumeClaimRetentionPolicy.RETAIN
        : persistentVolumeClaimRetentionPolicy.whenScaled();
  }
}
