package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Several sources (secrets, config maps, downward API) as the files of one volume, in order; {@code
 * defaultMode} applies to files that name no mode (Kubernetes: 0644).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectedVolumeSource(List<VolumeProjection> sources, Integer defaultMode) {

  public List<VolumeProjection> sourcesOrEmpty() {
    return sources == null ? List.of() : sources;
  }
}
