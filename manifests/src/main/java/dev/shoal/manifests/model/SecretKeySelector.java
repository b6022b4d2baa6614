package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One key of a secret in the pod's namespace; {@code optional} lets the container start without it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretKeySelector(String name, String key, Boolean optional) {}
