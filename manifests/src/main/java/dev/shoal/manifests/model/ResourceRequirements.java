package dev.shoal.manifests.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** Requests and limits of a container, as quantity strings keyed by resource name (cpu, memory). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceRequirements(Map<String, String> requests, Map<String, String> limits) {}
