package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The object an autoscaler scales or a metric describes: kind, name and apiVersion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrossVersionObjectReference(String kind, String name, String apiVersion) {}
