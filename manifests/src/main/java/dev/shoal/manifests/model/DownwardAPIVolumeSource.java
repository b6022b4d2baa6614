package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Facts about the pod as files of a volume; {@code defaultMode} as for a config map volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DownwardAPIVolumeSource(List<DownwardAPIVolumeFile> items, Integer defaultMode) {

  public List<DownwardAPIVolumeFile> itemsOrEmpty() {
    return items == null ? List.of() : items;
  }
}
