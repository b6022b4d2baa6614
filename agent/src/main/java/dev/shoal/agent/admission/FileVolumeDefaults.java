package dev.shoal.agent.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The defaults Kubernetes gives volumes whose files the node writes: {@code defaultMode} 0644 (420)
 * on secret, configMap, projected and downwardAPI volumes, and {@code apiVersion: v1} on every
 * downward API {@code fieldRef}.
 */
final class FileVolumeDefaults {
  static final int DEFAULT_MODE = 0644;

  private FileVolumeDefaults() {}

  static void volume(ObjectNode volume) {
    for (String type : new String[] {"secret", "configMap", "projected", "downwardAPI"}) {
      if (volume.get(type) instanceof ObjectNode source) {
        Defaults.putIfAbsent(source, "defaultMode", DEFAULT_MODE);
      }
    }
    if (volume.get("downwardAPI") instanceof ObjectNode downward) {
      fieldRefs(downward);
    }
    if (volume.get("projected") instanceof ObjectNode projected) {
      for (JsonNode source : Defaults.arrayOrEmpty(projected, "sources")) {
        if (source.get("downwardAPI") instanceof ObjectNode downward) {
          fieldRefs(downward);
        }
      }
    }
  }

  private static void fieldRefs(ObjectNode downward) {
    for (JsonNode item : Defaults.arrayOrEmpty(downward, "items")) {
      if (item.get("fieldRef") instanceof ObjectNode ref) {
        Defaults.putIfAbsent(ref, "apiVersion", "v1");
      }
    }
  }
}
