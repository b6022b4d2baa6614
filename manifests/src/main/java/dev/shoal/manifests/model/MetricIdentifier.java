package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A custom or external metric by name, optionally narrowed by a label selector. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricIdentifier(String name, LabelSelector selector) {}
