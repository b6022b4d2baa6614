package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A config map's keys as files in a pod volume: every key (file named by the key) or only the
 * {@code items} listed; {@code defaultMode} is the files' permission bits (Kubernetes: 0644);
 * {@code optional} lets the pod start without the config map.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigMapVolumeSource(
    String name, List<KeyToPath> items, Integer defaultMode, Boolean optional) {

  public List<KeyToPath> itemsOrEmpty() {
    return items == null ? List.of() : items;
  }
}
