package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A claim's size: quantity strings keyed by resource name ({@code storage}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeResourceRequirements(
    Map<String, String> requests, Map<String, String> limits) {}
