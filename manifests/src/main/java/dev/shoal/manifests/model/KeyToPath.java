package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One key of a secret volume, written to {@code path} (relative to the mount) with its own {@code
 * mode}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyToPath(String key, String path, Integer mode) {}
