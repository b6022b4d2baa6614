package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One key of a config map in the pod's namespace; {@code optional} lets the container start without
 * it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigMapKeySelector(String name, String key, Boolean optional) {}
