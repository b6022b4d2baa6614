package dev.shoal.agent.controllers.storage;

import dev.shoal.agent.store.ClusterStore;
import dev.shoal.agent.store.ObjectKey;
import dev.shoal.manifests.model.LocalVolumeSource;
import dev.shoal.manifests.model.NodeSelector;
import dev.shoal.manifests.model.NodeSelectorRequirement;
import dev.shoal.manifests.model.NodeSelectorTerm;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.ObjectReference;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.PersistentVolumeClaimStatus;
import dev.shoal.manifests.model.PersistentVolumeSpec;
import dev.shoal.manifests.model.PersistentVolumeStatus;
import dev.shoal.manifests.model.StorageClass;
import dev.shoal.manifests.model.VolumeNodeAffinity;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The volume a claim gets on a node, and the binding of the two, as pure builders and one write.
 */
final class LocalVolumes {

  /** The node whose directory holds the volume. */
  static final String NODE_ANNOTATION = "shoal.dev/node";

  private LocalVolumes() {}

  /** A volume named in the claim's spec and phase Bound. */
  static boolean isBound(PersistentVolumeClaim claim) {
    return claim.spec() != null
        && claim.spec().volumeName() != null
        && PersistentVolumeClaimStatus.BOUND.equals(claim.phase());
  }

  /** {@code pvc-<claim uid>}, as upstream's provisioners name theirs. */
  static String volumeName(PersistentVolumeClaim claim) {
    return "pvc-" + claim.metadata().uid();
  }

  static PersistentVolume volume(
      PersistentVolumeClaim claim, StorageClass sc, String nodeName, Path dir) {
    ObjectMeta meta =
        ObjectMeta.named(null, volumeName(claim))
            .withAnnotations(
                Map.of(
                    LocalStorage.PROVISIONED_BY,
                    LocalStorage.PROVISIONER,
                    NODE_ANNOTATION,
                    nodeName));
    String size = claim.spec().requestedStorage();
    NodeSelector here =
        new NodeSelector(
            List.of(
                new NodeSelectorTerm(
                    List.of(
                        new NodeSelectorRequirement(
                            "kubernetes.io/hostname", "In", List.of(nodeName))),
                    null)));
    PersistentVolumeSpec spec =
        new PersistentVolumeSpec(
            size == null ? null : Map.of("storage", size),
            claim.spec().accessModes(),
            sc.reclaimPolicyOrDefault(),
            sc.metadata().name(),
            new ObjectReference(
                PersistentVolumeClaim.KIND,
                claim.metadata().namespace(),
                claim.metadata().name(),
                claim.metadata().uid(),
                PersistentVolumeClaim.API_VERSION,
                null),
            new LocalVolumeSource(dir.toString(), null),
            null,
            new VolumeNodeAffinity(here),
            claim.spec().volumeMode() == null ? "Filesystem" : claim.spec().volumeMode());
    return new PersistentVolume(
        meta.withFinalizers(List.of(LocalStorage.PV_PROTECTION)),
        spec,
        PersistentVolumeStatus.phase(PersistentVolumeStatus.BOUND));
  }

  /** Names the volume in the claim's spec and marks it Bound with the volume's size and modes. */
  static Future<Void> bind(ClusterStore store, PersistentVolumeClaim claim, PersistentVolume pv) {
    return store
        .modify(
            ObjectKey.of(claim),
            current -> {
              PersistentVolumeClaim c = (PersistentVolumeClaim) current;
              if (!c.metadata().uid().equals(claim.metadata().uid()) || c.spec() == null) {
                return current;
              }
              Map<String, String> annotations =
                  new LinkedHashMap<>(c.metadata().annotationsOrEmpty());
              annotations.put(LocalStorage.BIND_COMPLETED, "yes");
              annotations.put(LocalStorage.PROVISIONED_BY, LocalStorage.PROVISIONER);
              return c.withMetadata(c.metadata().withAnnotations(annotations))
                  .withSpec(c.spec().withVolumeName(pv.metadata().name()))
                  .withStatus(
                      new PersistentVolumeClaimStatus(
                          PersistentVolumeClaimStatus.BOUND,
                          pv.spec().accessModes(),
                          pv.spec().capacity()));
            })
        .mapEmpty();
  }
}
