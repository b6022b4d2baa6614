package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The downward API files of a projected volume. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DownwardAPIProjection(List<DownwardAPIVolumeFile> items) {

  public List<DownwardAPIVolumeFile> itemsOrEmpty() {
    return items == null ? List.of() : items;
  }
}
