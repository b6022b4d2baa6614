package dev.shoal.agent.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shoal.manifests.model.ObjectMeta;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Upstream's defaults for stateful sets (one replica, OrderedReady, RollingUpdate from partition 0,
 * ten revisions, claims retained), claims and volumes (Filesystem; a volume made by hand is
 * retained), storage classes (Delete, Immediate), and the protection finalizers the API adds to a
 * new claim and volume, so neither goes while in use.
 */
final class StorageDefaults {

  /** Held while a pod uses the claim (upstream's storage-object-in-use protection). */
  static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";

  /** Held while a claim is bound to the volume. */
  static final String PV_PROTECTION = "kubernetes.io/pv-protection";

  private StorageDefaults() {}

  static void statefulSet(ObjectNode spec, Consumer<ObjectNode> template) {
    Defaults.putIfAbsent(spec, "replicas", 1);
    Defaults.putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
    Defaults.putIfAbsent(spec, "revisionHistoryLimit", 10);
    ObjectNode strategy = Defaults.child(spec, "updateStrategy");
    Defaults.putIfAbsent(strategy, "type", "RollingUpdate");
    if (strategy.path("type").asText().equals("RollingUpdate")) {
      Defaults.putIfAbsent(Defaults.child(strategy, "rollingUpdate"), "partition", 0);
    }
    ObjectNode retention = Defaults.child(spec, "persistentVolumeClaimRetentionPolicy");
    Defaults.putIfAbsent(retention, "whenDeleted", "Retain");
    Defaults.putIfAbsent(retention, "whenScaled", "Retain");
    for (JsonNode claim : Defaults.arrayOrEmpty(spec, "volumeClaimTemplates")) {
      if (claim instanceof ObjectNode c) {
        claimSpec(Defaults.child(c, "spec"));
      }
    }
    template.accept(spec);
  }

  static void claimSpec(ObjectNode spec) {
    Defaults.putIfAbsent(spec, "volumeMode", "Filesystem");
  }

  static void volumeSpec(ObjectNode spec) {
    Defaults.putIfAbsent(spec, "volumeMode", "Filesystem");
    Defaults.putIfAbsent(spec, "persistentVolumeReclaimPolicy", "Retain");
  }

  static void storageClass(ObjectNode object) {
    Defaults.putIfAbsent(object, "reclaimPolicy", "Delete");
    Defaults.putIfAbsent(object, "volumeBindingMode", "Immediate");
  }

  /** A new claim or volume with its protection finalizer. */
  static Resource protect(Resource object) {
    String finalizer =
        object instanceof PersistentVolumeClaim
            ? PVC_PROTECTION
            : object instanceof PersistentVolume ? PV_PROTECTION : null;
    if (finalizer == null) {
      return object;
    }
    ObjectMeta meta = object.metadata();
    if (meta.finalizersOrEmpty().contains(finalizer)) {
      return object;
    }
    List<String> finalizers = new ArrayList<>(meta.finalizersOrEmpty());
    finalizers.add(finalizer);
    return object.withMetadata(meta.withFinalizers(finalizers));
  }
}
