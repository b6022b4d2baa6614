package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The pod a replica set or deployment stamps out: metadata (labels) and spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodTemplateSpec(ObjectMeta metadata, PodSpec spec) {}
