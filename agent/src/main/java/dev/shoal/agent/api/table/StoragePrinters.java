package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.ControllerRevision;
import dev.shoal.manifests.model.OwnerReference;
import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.StorageClass;
import java.time.Instant;
import java.util.List;

/**
 * Upstream's columns for claims, volumes, storage classes and controller revisions; access modes in
 * their short form (RWO, ROX, RWX, RWOP).
 */
final class StoragePrinters {

  private StoragePrinters() {}

  static String accessModes(List<String> modes) {
    if (modes == null || modes.isEmpty()) {
      return "";
    }
    return String.join(
        ",",
        modes.stream()
            .map(
                m ->
                    switch (m) {
                      case "ReadWriteOnce" -> "RWO";
                      case "ReadOnlyMany" -> "ROX";
                      case "ReadWriteMany" -> "RWX";
                      case "ReadWriteOncePod" -> "RWOP";
                      default -> m;
                    })
            .toList());
  }

  /** {@code NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE}. */
  static final class Claims implements Printer<PersistentVolumeClaim> {
    private static final List<Column> COLUMNS =
        List.of(
            Column.objectName(),
            Column.text("Status", "The phase of the claim"),
            Column.text("Volume", "The name of the volume bound to the claim"),
            Column.text("Capacity", "The size of the volume bound to the claim"),
            Column.text("Access Modes", "The access modes of the volume bound to the claim"),
            Column.text("StorageClass", "The name of the claim's class"),
            Column.text("VolumeAttributesClass", "The name of the claim's attributes class"),
            Column.age(),
            Column.wide("VolumeMode", "Whether the volume is a filesystem or a block device"));

    @Override
    public List<Column> columns() {
      return COLUMNS;
    }

    @Override
    public List<Object> cells(PersistentVolumeClaim c, Instant now) {
      var spec = c.spec();
      var status = c.status();
      boolean bound = status != null && status.capacity() != null;
      return List.of(
          c.metadata().name(),
          c.phase(),
          spec == null ? "" : Cells.orEmpty(spec.volumeName()),
          bound ? Cells.orEmpty(status.capacity().get("storage")) : "",
          bound ? accessModes(status.accessModes()) : "",
          spec == null ? Cells.NONE : Cells.orNone(spec.storageClassName()),
          Cells.NONE,
          Ages.since(c.metadata().creationTimestamp(), now),
          spec == null ? Cells.NONE : Cells.orNone(spec.volumeMode()));
    }
  }

  /**
   * {@code NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
   * VOLUMEATTRIBUTESCLASS REASON AGE}.
   */
  static final class Volumes implements Printer<PersistentVolume> {
    private static final List<Column> COLUMNS =
        List.of(
            Column.objectName(),
            Column.text("Capacity", "The size of the volume"),
            Column.text("Access Modes", "How the volume may be mounted"),
            Column.text("Reclaim Policy", "What happens to the volume when its claim goes"),
            Column.text("Status", "The phase of the volume"),
            Column.text("Claim", "The claim bound to the volume"),
            Column.text("StorageClass", "The name of the volume's class"),
            Column.text("VolumeAttributesClass", "The name of the volume's attributes class"),
            Column.text("Reason", "Why the volume is in its phase"),
            Column.age(),
            Column.wide("VolumeMode", "Whether the volume is a filesystem or a block device"));

    @Override
    public List<Column> columns() {
      return COLUMNS;
    }

    @Override
    public List<Object> cells(PersistentVolume v, Instant now) {
      var spec = v.spec();
      var ref = spec == null ? null : spec.claimRef();
      return List.of(
          v.metadata().name(),
          spec == null || spec.capacity() == null
              ? ""
              : Cells.orEmpty(spec.capacity().get("storage")),
          spec == null ? "" : accessModes(spec.accessModes()),
          spec == null ? "" : Cells.orEmpty(spec.persistentVolumeReclaimPolicy()),
          v.phase(),
          ref == null ? "" : ref.namespace() + "/" + ref.name(),
          spec == null ? "" : Cells.orEmpty(spec.storageClassName()),
          Cells.NONE,
          v.status() == null ? "" : Cells.orEmpty(v.status().reason()),
          Ages.since(v.metadata().creationTimestamp(), now),
          spec == null ? Cells.NONE : Cells.orNone(spec.volumeMode()));
    }
  }

  /** {@code NAME PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE}. */
  static final class Classes implements Printer<StorageClass> {
    private static final List<Column> COLUMNS =
        List.of(
            Column.objectName(),
            Column.text("Provisioner", "Indicates the type of the provisioner."),
            Column.text("ReclaimPolicy", "Indicates the type of the reclaim policy."),
            Column.text(
                "VolumeBindingMode",
                "Indicates how PersistentVolumeClaims should be provisioned and bound."),
            Column.text(
                "AllowVolumeExpansion", "Indicates whether the storage class allow volume expand."),
            Column.age());

    @Override
    public List<Column> columns() {
      return COLUMNS;
    }

    @Override
    public List<Object> cells(StorageClass s, Instant now) {
      return List.of(
          s.isDefault() ? s.metadata().name() + " (default)" : s.metadata().name(),
          Cells.orEmpty(s.provisioner()),
          s.reclaimPolicyOrDefault(),
          s.volumeBindingModeOrDefault(),
          String.valueOf(Boolean.TRUE.equals(s.allowVolumeExpansion())),
          Ages.since(s.metadata().creationTimestamp(), now));
    }
  }

  /** {@code NAME CONTROLLER REVISION AGE}, the controller as {@code statefulset.apps/web}. */
  static final class Revisions implements Printer<ControllerRevision> {
    private static final List<Column> COLUMNS =
        List.of(
            Column.objectName(),
            Column.text("Controller", "Controller of the object"),
            Column.integer("Revision", "Revision of the ControllerRevision"),
            Column.age());

    @Override
    public List<Column> columns() {
      return COLUMNS;
    }

    @Override
    public List<Object> cells(ControllerRevision r, Instant now) {
      String controller = Cells.NONE;
      for (OwnerReference ref :
          r.metadata().ownerReferences() == null
              ? List.<OwnerReference>of()
              : r.metadata().ownerReferences()) {
        if (Boolean.TRUE.equals(ref.controller())) {
          String apiVersion = ref.apiVersion() == null ? "" : ref.apiVersion();
          String group =
              apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
          controller =
              ref.kind().toLowerCase(java.util.Locale.ROOT)
                  + (group.isEmpty() ? "" : "." + group)
                  + "/"
                  + ref.name();
        }
      }
      return List.of(
          r.metadata().name(),
          controller,
          r.revisionOrZero(),
          Ages.since(r.metadata().creationTimestamp(), now));
    }
  }
}
