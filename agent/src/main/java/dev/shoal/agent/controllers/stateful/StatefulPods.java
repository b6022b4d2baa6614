package dev.shoal.agent.controllers.stateful;

import dev.shoal.agent.control.PodFacts;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Pod;
import dev.shoal.manifests.model.PodSpec;
import dev.shoal.manifests.model.PodStatus;
import dev.shoal.manifests.model.PodTemplateSpec;
import dev.shoal.manifests.model.StatefulSet;
import dev.shoal.manifests.model.StatefulSetPersistentVolumeClaimRetentionPolicy;
import dev.shoal.manifests.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A stateful set's identities: pod {@code <set>-<ordinal>} with hostname the same and subdomain the
 * governing service, labelled as upstream ({@code statefulset.kubernetes.io/pod-name}, {@code
 * apps.kubernetes.io/pod-index}, {@code controller-revision-hash}), and claim {@code
 * <template>-<set>-<ordinal>} per claim template, mounted in place of a pod volume of the
 * template's name.
 */
public final class StatefulPods {

  public static final String REVISION_LABEL = "controller-revision-hash";
  public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
  public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

  /** What the API adds to every new claim; the controller writes to the store, so adds it too. */
  static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";

  private StatefulPods() {}

  public static String podName(StatefulSet set, int ordinal) {
    return set.metadata().name() + "-" + ordinal;
  }

  /** The ordinal in a pod's name if it is one of this set's names, else empty. */
  public static OptionalInt ordinal(StatefulSet set, String podName) {
    String prefix = set.metadata().name() + "-";
    if (podName == null || !podName.startsWith(prefix)) {
      return OptionalInt.empty();
    }
    String digits = podName.substring(prefix.length());
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return OptionalInt.empty();
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(digits));
  }

  public static String claimName(PersistentVolumeClaim template, StatefulSet set, int ordinal) {
    return template.metadata().name() + "-" + podName(set, ordinal);
  }

  public static String revisionOf(Pod pod) {
    return pod.metadata().labelsOrEmpty().get(REVISION_LABEL);
  }

  /**
   * The pod of {@code ordinal} from {@code template} (the revision's), labelled {@code revision}.
   */
  public static Pod newPod(
      StatefulSet set, PodTemplateSpec template, int ordinal, String revision) {
    String name = podName(set, ordinal);
    ObjectMeta tm = template.metadata();
    Map<String, String> labels = new LinkedHashMap<>(tm == null ? Map.of() : tm.labelsOrEmpty());
    labels.put(POD_NAME_LABEL, name);
    labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
    labels.put(REVISION_LABEL, revision);
    ObjectMeta meta =
        new ObjectMeta(
            name,
            null,
            set.metadata().namespace(),
            labels,
            tm == null ? null : tm.annotations(),
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(PodFacts.controllerRef(set)),
            null);
    PodSpec spec = template.spec();
    List<Volume> volumes = new ArrayList<>();
    List<PersistentVolumeClaim> claims = set.spec().volumeClaimTemplatesOrEmpty();
    for (Volume v : spec.volumesOrEmpty()) {
      boolean replaced = claims.stream().anyMatch(c -> c.metadata().name().equals(v.name()));
      if (!replaced) {
        volumes.add(v);
      }
    }
    for (PersistentVolumeClaim c : claims) {
      volumes.add(Volume.claim(c.metadata().name(), claimName(c, set, ordinal)));
    }
    spec =
        spec.withVolumes(volumes.isEmpty() ? null : volumes)
            .withHostnameAndSubdomain(name, set.spec().serviceName());
    return new Pod(meta, spec, PodStatus.phase("Pending"));
  }

  /**
   * The claim of {@code ordinal} from a claim template: the template's spec, its labels with the
   * set's selector labels, the owners the retention policy asks for, and the protection finalizer.
   */
  public static PersistentVolumeClaim newClaim(
      StatefulSet set, PersistentVolumeClaim template, int ordinal) {
    ObjectMeta tm = template.metadata();
    Map<String, String> labels = new LinkedHashMap<>(tm.labelsOrEmpty());
    if (set.spec().selector() != null && set.spec().selector().matchLabels() != null) {
      labels.putAll(set.spec().selector().matchLabels());
    }
    ObjectMeta meta =
        new ObjectMeta(
            claimName(template, set, ordinal),
            null,
            set.metadata().namespace(),
            labels.isEmpty() ? null : labels,
            tm.annotations(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(PVC_PROTECTION));
    PersistentVolumeClaim claim = new PersistentVolumeClaim(meta, template.spec(), null);
    return claim.withMetadata(meta.withOwnerReferences(claimOwners(set, claim, null, false)));
  }

  /**
   * The owner references a claim should carry under the retention policy: the set's when {@code
   * whenDeleted} is Delete, the pod's when {@code whenScaled} is Delete and the pod is condemned
   * ({@code condemned}); references to other owners are kept.
   */
  public static List<OwnerReference> claimOwners(
      StatefulSet set, PersistentVolumeClaim claim, Pod pod, boolean condemned) {
    List<OwnerReference> refs = new ArrayList<>();
    List<OwnerReference> current =
        claim.metadata().ownerReferences() == null ? List.of() : claim.metadata().ownerReferences();
    for (OwnerReference r : current) {
      boolean ours =
          set.metadata().uid().equals(r.uid())
              || (StatefulSet.KIND.equals(r.kind()) && set.metadata().name().equals(r.name()))
              || Pod.KIND.equals(r.kind());
      if (!ours) {
        refs.add(r);
      }
    }
    String delete = StatefulSetPersistentVolumeClaimRetentionPolicy.DELETE;
    if (delete.equals(set.spec().whenDeleted())) {
      refs.add(reference(set));
    }
    if (condemned && pod != null && delete.equals(set.spec().whenScaled())) {
      refs.add(reference(pod));
    }
    return refs.isEmpty() ? null : refs;
  }

  private static OwnerReference reference(dev.shoal.manifests.model.Resource owner) {
    return new OwnerReference(
        owner.apiVersion(),
        owner.kind(),
        owner.metadata().name(),
        owner.metadata().uid(),
        false,
        true);
  }
}
