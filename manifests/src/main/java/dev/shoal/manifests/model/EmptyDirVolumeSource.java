package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A scratch directory that lives as long as the pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmptyDirVolumeSource(String medium, String sizeLimit) {}
