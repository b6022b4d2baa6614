package dev.shoal.manifests.validation;

import dev.shoal.manifests.model.PersistentVolume;
import dev.shoal.manifests.model.PersistentVolumeClaim;
import dev.shoal.manifests.model.PersistentVolumeClaimSpec;
import dev.shoal.manifests.model.PersistentVolumeSpec;
import dev.shoal.manifests.model.StorageClass;
import java.util.List;
import java.util.Map;

/**
 * Claims, volumes and storage classes: access modes, sizes, reclaim policies and binding modes as
 * upstream names them; a claim's spec may not change after creation except its requested size, a
 * class's fields never.
 */
final class StorageRules {
  static final List<String> ACCESS_MODES =
      List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");
  static final List<String> RECLAIM_POLICIES =
      List.of(PersistentVolumeSpec.RETAIN, PersistentVolumeSpec.DELETE, "Recycle");
  static final List<String> BINDING_MODES =
      List.of(StorageClass.IMMEDIATE, StorageClass.WAIT_FOR_FIRST_CONSUMER);
  static final List<String> VOLUME_MODES = List.of("Filesystem", "Block");

  private StorageRules() {}

  static void claim(List<FieldError> errors, PersistentVolumeClaim claim) {
    claimSpec(errors, claim.spec(), "spec");
  }

  /** A claim's spec at {@code at}: also the spec of a stateful set's claim template. */
  static void claimSpec(List<FieldError> errors, PersistentVolumeClaimSpec spec, String at) {
    if (spec == null) {
      errors.add(FieldError.required(at, "must be specified"));
      return;
    }
    accessModes(errors, at + ".accessModes", spec.accessModesOrEmpty());
    String storage = spec.requestedStorage();
    if (storage == null) {
      errors.add(FieldError.required(at + ".resources[storage]", "must be specified"));
    } else {
      var q = Checks.quantity(errors, at + ".resources.requests[storage]", storage);
      if (q != null && q.amount().signum() <= 0) {
        errors.add(
            FieldError.invalid(at + ".resources.requests[storage]", "must be greater than zero"));
      }
    }
    Checks.oneOf(errors, at + ".volumeMode", spec.volumeMode(), VOLUME_MODES);
    if (spec.storageClassName() != null && !spec.storageClassName().isEmpty()) {
      Checks.name(
          errors, at + ".storageClassName", spec.storageClassName(), Names::dns1123Subdomain);
    }
  }

  static void volume(List<FieldError> errors, PersistentVolume pv) {
    PersistentVolumeSpec spec = pv.spec();
    if (spec == null) {
      errors.add(FieldError.required("spec", "must be specified"));
      return;
    }
    accessModes(errors, "spec.accessModes", spec.accessModesOrEmpty());
    Map<String, String> capacity = spec.capacity();
    if (capacity == null || capacity.get("storage") == null) {
      errors.add(FieldError.required("spec.capacity", "must specify a storage capacity"));
    } else {
      Checks.quantity(errors, "spec.capacity[storage]", capacity.get("storage"));
    }
    Checks.oneOf(
        errors,
        "spec.persistentVolumeReclaimPolicy",
        spec.persistentVolumeReclaimPolicy(),
        RECLAIM_POLICIES);
    Checks.oneOf(errors, "spec.volumeMode", spec.volumeMode(), VOLUME_MODES);
    int sources = (spec.local() != null ? 1 : 0) + (spec.hostPath() != null ? 1 : 0);
    if (sources == 0) {
      errors.add(
          FieldError.required(
              "spec", "must specify a volume type: Shoal supports local and hostPath"));
    } else if (sources > 1) {
      errors.add(FieldError.forbidden("spec.hostPath", "may not specify more than 1 volume type"));
    }
    String path = spec.path();
    String pathField = spec.local() != null ? "spec.local.path" : "spec.hostPath.path";
    if (sources == 1 && !Checks.present(path)) {
      errors.add(FieldError.required(pathField, "must be specified"));
    } else if (sources == 1 && !path.startsWith("/")) {
      errors.add(FieldError.invalid(pathField, "\"" + path + "\": must be an absolute path"));
    }
    if (spec.local() != null && spec.requiredNodes() == null) {
      errors.add(FieldError.required("spec.nodeAffinity", "Local volume requires node affinity"));
    }
    if (spec.nodeAffinity() != null) {
      if (spec.requiredNodes() == null) {
        errors.add(FieldError.required("spec.nodeAffinity.required", "must be specified"));
      } else {
        SchedulingRules.requiredNodeAffinity(
            errors, spec.requiredNodes(), "spec.nodeAffinity.required");
      }
    }
  }

  static void storageClass(List<FieldError> errors, StorageClass sc) {
    if (!Checks.present(sc.provisioner())) {
      errors.add(FieldError.required("provisioner", "must be specified"));
    } else {
      Checks.name(errors, "provisioner", sc.provisioner(), Names::qualifiedName);
    }
    Checks.oneOf(
        errors,
        "reclaimPolicy",
        sc.reclaimPolicy(),
        List.of(PersistentVolumeSpec.RETAIN, PersistentVolumeSpec.DELETE));
    Checks.oneOf(errors, "volumeBindingMode", sc.volumeBindingMode(), BINDING_MODES);
  }

  /** What may not change: a claim's spec but for its size and a first volume name; a class. */
  static void update(List<FieldError> errors, Object old, Object updated) {
    if (old instanceof PersistentVolumeClaim oc && updated instanceof PersistentVolumeClaim nc) {
      PersistentVolumeClaimSpec o = oc.spec();
      PersistentVolumeClaimSpec n = nc.spec();
      if (o != null && n != null) {
        PersistentVolumeClaimSpec comparable =
            new PersistentVolumeClaimSpec(
                n.accessModes(),
                n.selector(),
                o.resources(),
                o.volumeName() == null ? null : n.volumeName(),
                o.storageClassName() == null ? null : n.storageClassName(),
                n.volumeMode());
        if (!comparable.equals(o)) {
          errors.add(
              FieldError.forbidden(
                  "spec",
                  "spec is immutable after creation except resources.requests and"
                      + " volumeAttributesClassName for bound claims"));
        }
      }
    } else if (old instanceof StorageClass os && updated instanceof StorageClass ns) {
      same(errors, "provisioner", os.provisioner(), ns.provisioner());
      same(errors, "parameters", os.parameters(), ns.parameters());
      same(errors, "reclaimPolicy", os.reclaimPolicy(), ns.reclaimPolicy());
      same(errors, "volumeBindingMode", os.volumeBindingMode(), ns.volumeBindingMode());
    } else if (old instanceof PersistentVolume ov && updated instanceof PersistentVolume nv) {
      if (ov.spec() != null && nv.spec() != null) {
        same(errors, "spec.local", ov.spec().local(), nv.spec().local());
        same(errors, "spec.hostPath", ov.spec().hostPath(), nv.spec().hostPath());
        same(errors, "spec.nodeAffinity", ov.spec().nodeAffinity(), nv.spec().nodeAffinity());
      }
    }
  }

  private static void accessModes(List<FieldError> errors, String at, List<String> modes) {
    if (modes.isEmpty()) {
      errors.add(FieldError.required(at, "at least 1 access mode is required"));
    }
    for (int i = 0; i < modes.size(); i++) {
      Checks.oneOf(errors, Checks.index(at, i), modes.get(i), ACCESS_MODES);
    }
  }

  private static void same(List<FieldError> errors, String field, Object old, Object updated) {
    if (!java.util.Objects.equals(old, updated)) {
      errors.add(FieldError.invalid(field, "field is immutable"));
    }
  }
}
