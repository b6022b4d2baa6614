package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A probe that succeeds on an HTTP status from 200 to 399. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HTTPGetAction(String path, IntOrString port, String host, String scheme) {}
