package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A resolver option, e.g. {@code ndots: 5}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodDNSConfigOption(String name, String value) {}
