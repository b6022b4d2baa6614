package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One downward API file at {@code path} (relative to the volume): a field of the pod or a resource
 * of one of its containers, with its own {@code mode}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DownwardAPIVolumeFile(
    String path,
    ObjectFieldSelector fieldRef,
    ResourceFieldSelector resourceFieldRef,
    Integer mode) {}
