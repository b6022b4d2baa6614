package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A volume: its size, access modes, what becomes of it when its claim goes (Retain or Delete), the
 * claim it is bound to, where it lives ({@code local} or {@code hostPath}) and which nodes can
 * reach it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersistentVolumeSpec(
    Map<String, String> capacity,
    List<String> accessModes,
    String persistentVolumeReclaimPolicy,
    String storageClassName,
    ObjectReference claimRef,
    LocalVolumeSource local,
    HostPathVolumeSource hostPath,
    VolumeNodeAffinity nodeAffinity,
    String volumeMode) {
  public static final String RETAIN = "Retain";
  public static final String DELETE = "Delete";

  public PersistentVolumeSpec withClaimRef(ObjectReference value) {
    return new PersistentVolumeSpec(
        capacity,
        accessModes,
        persistentVolumeReclaimPolicy,
        storageClassName,
        value,
        local,
        hostPath,
        nodeAffinity,
        volumeMode);
  }

  public List<String> accessModesOrEmpty() {
    return accessModes == null ? List.of() : accessModes;
  }

  /** The directory on the node that holds the volume's data, or null. */
  public String path() {
    return local != null ? local.path() : hostPath != null ? hostPath.path() : null;
  }

  /** The nodes the volume can be reached from, or null for every node. */
  public NodeSelector requiredNodes() {
    return nodeAffinity == null ? null : nodeAffinity.required();
  }
}
