package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An environment variable of a container; only literal values are supported. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVar(String name, String value) {}
