package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Namespace status: phase {@code Active} or {@code Terminating}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NamespaceStatus(String phase) {}
