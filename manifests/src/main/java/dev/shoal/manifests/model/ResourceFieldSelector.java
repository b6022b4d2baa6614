package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A container's resource limit or request for the downward API ({@code limits.cpu}, {@code
 * requests.memory}, ...), in units of {@code divisor} (default 1), rounded up.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceFieldSelector(String containerName, String resource, String divisor) {}
