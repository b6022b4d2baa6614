package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reason a request failed, e.g. reason {@code FieldValueRequired} at field {@code
 * spec.containers[0].image}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusCause(String reason, String message, String field) {}
