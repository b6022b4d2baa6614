package dev.shoal.agent.api.protobuf;

import java.util.Set;

/**
 * What the Go types say and the descriptors do not. First, the number and boolean fields whose Go
 * type is a pointer ({@code *int32}, {@code *bool}, ...), in the messages of the kinds Shoal
 * serves. Go's protobuf code writes a pointer field only when it is set, but every other field
 * always, zero or not; Go's JSON leaves those zeros out ({@code omitempty}). So a zero that arrives
 * in one of these fields was set on purpose ({@code replicas: 0}, {@code backoffLimit: 0}, {@code
 * terminationGracePeriodSeconds: 0}) and is kept; a zero anywhere else is what the sender left
 * unset and is dropped, as from JSON. Taken from the Go types of Kubernetes 1.32-1.34 ({@code
 * k8s.io/api/.../types.go}); keyed by message and field, the message without its {@code
 * k8s.io.api.} or {@code k8s.io.apimachinery.pkg.} prefix. Second, the embedded structs.
 */
final class GoFields {

  private static final Set<String> POINTERS =
      Set.of(
          // meta/v1
          "apis.meta.v1.ObjectMeta.deletionGracePeriodSeconds",
          "apis.meta.v1.OwnerReference.controller",
          "apis.meta.v1.OwnerReference.blockOwnerDeletion",
          "apis.meta.v1.DeleteOptions.gracePeriodSeconds",
          "apis.meta.v1.DeleteOptions.orphanDependents",
          "apis.meta.v1.DeleteOptions.ignoreStoreReadErrorWithClusterBreakingPotential",
          // apps/v1
          "apps.v1.DeploymentSpec.replicas",
          "apps.v1.DeploymentSpec.progressDeadlineSeconds",
          "apps.v1.DeploymentSpec.revisionHistoryLimit",
          "apps.v1.DeploymentStatus.collisionCount",
          "apps.v1.DeploymentStatus.terminatingReplicas",
          "apps.v1.ReplicaSetSpec.replicas",
          "apps.v1.ReplicaSetStatus.terminatingReplicas",
          "apps.v1.DaemonSetSpec.revisionHistoryLimit",
          "apps.v1.DaemonSetStatus.collisionCount",
          // batch/v1
          "batch.v1.JobSpec.parallelism",
          "batch.v1.JobSpec.completions",
          "batch.v1.JobSpec.activeDeadlineSeconds",
          "batch.v1.JobSpec.backoffLimit",
          "batch.v1.JobSpec.backoffLimitPerIndex",
          "batch.v1.JobSpec.maxFailedIndexes",
          "batch.v1.JobSpec.manualSelector",
          "batch.v1.JobSpec.ttlSecondsAfterFinished",
          "batch.v1.JobSpec.suspend",
          "batch.v1.JobStatus.ready",
          "batch.v1.JobStatus.terminating",
          "batch.v1.SuccessPolicyRule.succeededCount",
          "batch.v1.CronJobSpec.startingDeadlineSeconds",
          "batch.v1.CronJobSpec.suspend",
          "batch.v1.CronJobSpec.successfulJobsHistoryLimit",
          "batch.v1.CronJobSpec.failedJobsHistoryLimit",
          // networking/v1
          "networking.v1.NetworkPolicyPort.endPort",
          // core/v1: pods and their templates
          "core.v1.PodSpec.terminationGracePeriodSeconds",
          "core.v1.PodSpec.activeDeadlineSeconds",
          "core.v1.PodSpec.automountServiceAccountToken",
          "core.v1.PodSpec.shareProcessNamespace",
          "core.v1.PodSpec.priority",
          "core.v1.PodSpec.enableServiceLinks",
          "core.v1.PodSpec.setHostnameAsFQDN",
          "core.v1.PodSpec.hostUsers",
          "core.v1.PodSecurityContext.runAsUser",
          "core.v1.PodSecurityContext.runAsGroup",
          "core.v1.PodSecurityContext.runAsNonRoot",
          "core.v1.PodSecurityContext.fsGroup",
          "core.v1.SecurityContext.privileged",
          "core.v1.SecurityContext.runAsUser",
          "core.v1.SecurityContext.runAsGroup",
          "core.v1.SecurityContext.runAsNonRoot",
          "core.v1.SecurityContext.readOnlyRootFilesystem",
          "core.v1.SecurityContext.allowPrivilegeEscalation",
          "core.v1.WindowsSecurityContextOptions.hostProcess",
          "core.v1.Probe.terminationGracePeriodSeconds",
          "core.v1.Toleration.tolerationSeconds",
          "core.v1.TopologySpreadConstraint.minDomains",
          "core.v1.ContainerStatus.started",
          // core/v1: volumes, env sources, projections
          "core.v1.ConfigMapVolumeSource.defaultMode",
          "core.v1.ConfigMapVolumeSource.optional",
          "core.v1.SecretVolumeSource.defaultMode",
          "core.v1.SecretVolumeSource.optional",
          "core.v1.ProjectedVolumeSource.defaultMode",
          "core.v1.DownwardAPIVolumeSource.defaultMode",
          "core.v1.DownwardAPIVolumeFile.mode",
          "core.v1.KeyToPath.mode",
          "core.v1.ConfigMapProjection.optional",
          "core.v1.SecretProjection.optional",
          "core.v1.ClusterTrustBundleProjection.optional",
          "core.v1.ServiceAccountTokenProjection.expirationSeconds",
          "core.v1.PodCertificateProjection.maxExpirationSeconds",
          "core.v1.ConfigMapEnvSource.optional",
          "core.v1.SecretEnvSource.optional",
          "core.v1.ConfigMapKeySelector.optional",
          "core.v1.SecretKeySelector.optional",
          "core.v1.FileKeySelector.optional",
          "core.v1.AzureDiskVolumeSource.readOnly",
          "core.v1.CSIVolumeSource.readOnly",
          "core.v1.FCVolumeSource.lun",
          // core/v1: other kinds
          "core.v1.ConfigMap.immutable",
          "core.v1.Secret.immutable",
          "core.v1.ServiceSpec.allocateLoadBalancerNodePorts",
          "core.v1.ClientIPConfig.timeoutSeconds",
          "core.v1.NodeSwapStatus.capacity",
          "core.v1.NodeFeatures.supplementalGroupsPolicy",
          "core.v1.NodeRuntimeHandlerFeatures.recursiveReadOnlyMounts",
          "core.v1.NodeRuntimeHandlerFeatures.userNamespaces");

  /**
   * Fields that are Go structs embedded inline ({@code json:",inline"}): in protobuf they are a
   * message field, in JSON their fields sit in the parent (a volume's {@code configMap}, a probe's
   * {@code httpGet}, a key selector's {@code name}).
   */
  private static final Set<String> INLINE =
      Set.of(
          "core.v1.Volume.volumeSource",
          "core.v1.Probe.handler",
          "core.v1.ConfigMapEnvSource.localObjectReference",
          "core.v1.ConfigMapKeySelector.localObjectReference",
          "core.v1.ConfigMapProjection.localObjectReference",
          "core.v1.ConfigMapVolumeSource.localObjectReference",
          "core.v1.SecretEnvSource.localObjectReference",
          "core.v1.SecretKeySelector.localObjectReference",
          "core.v1.SecretProjection.localObjectReference",
          "core.v1.EphemeralContainer.ephemeralContainerCommon",
          "core.v1.PersistentVolumeSpec.persistentVolumeSource",
          "networking.v1.IngressRule.ingressRuleValue");

  private GoFields() {}

  /** Whether {@code field} of {@code messageFullName} is an embedded struct, inline in JSON. */
  static boolean isInline(String messageFullName, String field) {
    return INLINE.contains(shortName(messageFullName) + "." + field);
  }

  /** Whether a zero in {@code field} of the message {@code messageFullName} was set on purpose. */
  static boolean keepsZero(String messageFullName, String field) {
    return POINTERS.contains(shortName(messageFullName) + "." + field);
  }

  private static String shortName(String fullName) {
    if (fullName.startsWith("k8s.io.api.")) {
      return fullName.substring("k8s.io.api.".length());
    }
    if (fullName.startsWith("k8s.io.apimachinery.pkg.")) {
      return fullName.substring("k8s.io.apimachinery.pkg.".length());
    }
    return fullName;
  }
}
